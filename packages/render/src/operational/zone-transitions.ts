/**
 * A time zone's UTC offsets over a span of years, read from the runtime's `Intl` zone data (pure, no tables of
 * our own). The Prometheus gate and the iCalendar VTIMEZONE both need the exact instants clocks change.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Offset of `zone` from UTC at an instant, in seconds (Europe/Berlin in July: 7200). */
export function offsetSeconds(zone: string, utcMs: number): number {
  const parts = formatter(zone).formatToParts(new Date(utcMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 1000);
}

/** One change of a zone's offset: from the instant `atUtcMs` on, local time is UTC + `toSeconds`. */
export interface OffsetTransition {
  readonly atUtcMs: number;
  readonly fromSeconds: number;
  readonly toSeconds: number;
}

/** The zone's offset at the start of the span and every change within it, in order. */
export interface ZoneOffsets {
  readonly zone: string;
  readonly startUtcMs: number;
  readonly endUtcMs: number;
  readonly initialSeconds: number;
  readonly transitions: readonly OffsetTransition[];
}

const HOUR_MS = 3_600_000;

/**
 * Every offset change of `zone` in the UTC years [fromYear, toYear]. Scans in six-hour steps (zones change
 * at most twice a year, never twice within six hours) and narrows each change to the minute.
 */
export function zoneOffsets(zone: string, fromYear: number, toYear: number): ZoneOffsets {
  const startUtcMs = Date.UTC(fromYear, 0, 1);
  const endUtcMs = Date.UTC(toYear + 1, 0, 1);
  const initialSeconds = offsetSeconds(zone, startUtcMs);
  const transitions: OffsetTransition[] = [];
  let previous = initialSeconds;
  for (let t = startUtcMs + 6 * HOUR_MS; t <= endUtcMs; t += 6 * HOUR_MS) {
    const current = offsetSeconds(zone, t);
    if (current === previous) continue;
    let low = t - 6 * HOUR_MS;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetSeconds(zone, mid) === previous) low = mid;
      else high = mid;
    }
    transitions.push({ atUtcMs: high, fromSeconds: previous, toSeconds: current });
    previous = current;
  }
  return { zone, startUtcMs, endUtcMs, initialSeconds, transitions };
}

/** The UTC instant of a wall-clock time in a zone; a time skipped by a clock change moves forward by the gap (RFC 5545 §3.3.5). */
export function wallToUtcMs(zone: string, wallMs: number): number {
  const before = offsetSeconds(zone, wallMs - 86_400_000) * 1000;
  const after = offsetSeconds(zone, wallMs + 86_400_000) * 1000;
  const candidates = [wallMs - before, wallMs - after].filter(
    (utc) => utc + offsetSeconds(zone, utc) * 1000 === wallMs,
  );
  return candidates.length > 0 ? Math.min(...candidates) : wallMs - before;
}
