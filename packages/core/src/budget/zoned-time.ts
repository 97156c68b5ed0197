/**
 * Wall-clock time in IANA zones with nothing but `Intl` (pure, browser-safe). Local times that do not exist
 * (the spring-forward gap) move forward by the gap; local times that happen twice (fall-back) take the earlier
 * instant — the "compatible" rule of Temporal and of most calendar software.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

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

const offsetCaches = new Map<string, Map<number, number>>();
const BUCKET_MS = HOUR_MS / 4;

/** Offset of the zone from UTC at an instant, in ms (Europe/Berlin in summer: +7 200 000). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  // One Intl lookup per quarter hour and zone: when the offsets at both ends of the quarter agree, no
  // change happens inside it (zones never change twice within 15 minutes); when they differ, the instant's
  // own second is looked up, so changes off the quarter hour (Monrovia's 1972 −0:44:30 → 0) stay exact.
  const bucketStart = Math.floor(utcMs / BUCKET_MS) * BUCKET_MS;
  const atStart = cachedOffset(zone, bucketStart);
  if (atStart === cachedOffset(zone, bucketStart + BUCKET_MS)) return atStart;
  return offsetAt(zone, Math.floor(utcMs / 1000) * 1000);
}

function cachedOffset(zone: string, bucketMs: number): number {
  let cache = offsetCaches.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(zone, cache);
  }
  const cached = cache.get(bucketMs);
  if (cached !== undefined) return cached;
  const offset = offsetAt(zone, bucketMs);
  if (cache.size > 200_000) cache.clear();
  cache.set(bucketMs, offset);
  return offset;
}

/** The zone's offset at a whole second (Intl reads seconds; every offset in the database is whole seconds). */
function offsetAt(zone: string, utcSecondMs: number): number {
  const parts = formatter(zone).formatToParts(new Date(utcSecondMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return wall - utcSecondMs;
}

/** The local wall time of an instant in a zone, as "wall ms" (the local date and time read as if UTC). */
export function utcToWall(zone: string, utcMs: number): number {
  return utcMs + zoneOffsetMs(zone, utcMs);
}

/** The UTC instant of a local wall time (`wallMs` = the wall time read as if it were UTC). */
export function localToUtc(zone: string, wallMs: number): number {
  const before = zoneOffsetMs(zone, wallMs - DAY_MS);
  const after = zoneOffsetMs(zone, wallMs + DAY_MS);
  const candidates = [wallMs - before, wallMs - after].filter((utc) => wallMs - zoneOffsetMs(zone, utc) === utc);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: the wall time does not exist; keep the pre-transition offset, which lands after the jump.
  return wallMs - before;
}

/** Local calendar date and weekday (0 = Monday) of an instant in a zone. */
export function localDate(
  zone: string,
  utcMs: number,
): { readonly wallDayMs: number; readonly weekday: number; readonly iso: string } {
  const wall = utcMs + zoneOffsetMs(zone, utcMs);
  const wallDayMs = Math.floor(wall / DAY_MS) * DAY_MS;
  const weekday = (new Date(wallDayMs).getUTCDay() + 6) % 7;
  return { wallDayMs, weekday, iso: new Date(wallDayMs).toISOString().slice(0, 10) };
}

export { DAY_MS, HOUR_MS };
