/**
 * RFC 5545 text rules: TEXT values escape backslash, semicolon, comma and line breaks (§3.3.11), content lines are
 * folded at 75 octets with CRLF and one space (§3.1), never inside a UTF-8 sequence, and lines end in CRLF.
 */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** One content line folded to at most 75 octets per physical line. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** Lines joined as an iCalendar stream: each folded, each ended by CRLF. */
export function icsStream(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A wall-clock time held as UTC fields → `20270101T070000` (local DATE-TIME, no zone). */
export function wallStamp(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** A UTC instant → `20270101T060000Z`. */
export function utcStamp(utcMs: number): string {
  return `${wallStamp(utcMs)}Z`;
}

/** Seconds → an RFC 5545 duration: `PT4H`, `PT1H30M`, `P1DT2H`. */
export function icsDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = Math.round(seconds % 60);
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${secs ? `${secs}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : days ? '' : 'T0S'}`;
}

/** `+0100`, `-0430` from seconds east of UTC. */
export function utcOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  return `${sign}${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
}
