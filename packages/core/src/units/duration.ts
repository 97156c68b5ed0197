/**
 * Durations as people say them in a workshop ("4h", "15 min", "1d 2h", "90s") and as Accord stores them
 * (whole seconds). Pure: no I/O, usable in the browser, the server and the CLI.
 */

export type DurationParseResult =
  { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly error: string };

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  wk: 604_800,
  week: 604_800,
  weeks: 604_800,
  // Months and years are the mean Gregorian ones every budget uses (a year is 365.2425 days), so "1 year"
  // here is the same length as a year of downtime budget.
  mo: 2_629_746,
  mos: 2_629_746,
  month: 2_629_746,
  months: 2_629_746,
  y: 31_556_952,
  yr: 31_556_952,
  yrs: 31_556_952,
  year: 31_556_952,
  years: 31_556_952,
};

const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gy;

/**
 * Parse a human duration into whole seconds.
 * @example parseDuration('1h 30m') // { ok: true, seconds: 5400 }
 * @example parseDuration('0') // { ok: true, seconds: 0 }
 */
export function parseDuration(input: string): DurationParseResult {
  const text = input.trim().toLowerCase();
  if (text === '') return { ok: false, error: 'a duration is empty; write e.g. "4h", "15 min" or "1d 2h"' };
  if (/^\d+(\.\d+)?$/.test(text)) {
    if (Number(text) === 0) return { ok: true, seconds: 0 };
    return { ok: false, error: `"${input}" has no unit; write e.g. "${text}h" or "${text} min"` };
  }
  let total = 0;
  let index = 0;
  const compact = text.replace(/\s+/g, ' ');
  while (index < compact.length) {
    if (compact[index] === ' ') {
      index += 1;
      continue;
    }
    PART.lastIndex = index;
    const match = PART.exec(compact);
    if (!match) return { ok: false, error: `"${input}" is not a duration; write e.g. "4h", "15 min" or "1d 2h"` };
    const factor = UNIT_SECONDS[match[2] ?? ''];
    if (factor === undefined) {
      return { ok: false, error: `"${match[2]}" is not a time unit; use s, min, h, d, w, months or years` };
    }
    total += Number(match[1]) * factor;
    index = PART.lastIndex;
  }
  return { ok: true, seconds: Math.round(total) };
}

/**
 * Seconds in the compact human form used in documents: `43m 50s`, `8h 45m 57s`, `3d 15h 39m 30s`.
 * Fractions of a second are rounded to the nearest second; zero is `0s`.
 */
export function formatDuration(seconds: number): string {
  const whole = Math.round(Math.max(0, seconds));
  if (whole === 0) return '0s';
  const parts: string[] = [];
  const units: readonly [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  let rest = whole;
  for (const [size, label] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${label}`);
    rest -= count * size;
  }
  return parts.join(' ');
}

/**
 * A downtime budget as the measurement can count it: downtime is counted in one-minute slices, so a budget
 * allows the whole minutes below it. `15m 10s` → `15m`, `3h 2m 5s` → `3h 2m`; below a minute, `under 1m`.
 * The exact figure belongs in the measurement section only.
 */
export function formatBudget(seconds: number): string {
  const minutes = Math.floor(seconds / 60 + 1e-9);
  return minutes === 0 ? 'under 1m' : formatDuration(minutes * 60);
}
