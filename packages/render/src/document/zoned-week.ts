/**
 * Local wall-clock time in an IANA zone, with the platform's Intl data only (the core's helpers are internal).
 * "Wall ms" are milliseconds since the epoch of the local date and time read as if it were UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let known = formatters.get(zone);
  if (!known) {
    known = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, known);
  }
  return known;
}

/** The local wall time of an instant in a zone. */
export function utcToWall(zone: string, utcMs: number): number {
  const parts = Object.fromEntries(formatter(zone).formatToParts(utcMs).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The instant a local wall time names in a zone (the earlier one when a clock change repeats it). */
export function wallToUtc(zone: string, wallMs: number): number {
  const first = wallMs - (utcToWall(zone, wallMs) - wallMs);
  return wallMs - (utcToWall(zone, first) - first);
}
