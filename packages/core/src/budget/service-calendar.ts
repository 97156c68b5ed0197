import type { Calendar, Weekday, WeeklySlot } from '../model/index.ts';
import { WEEKDAYS } from '../model/common.schema.ts';
import { normalise, subtract, intersect, totalMs, type Interval } from './intervals.ts';
import { DAY_MS, localDate, localToUtc } from './zoned-time.ts';

const MINUTE_MS = 60_000;

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** A slot's [start, end) in minutes after local midnight. */
export function slotMinutes(slot: WeeklySlot): readonly [number, number] {
  return [minutesOf(slot.start), minutesOf(slot.end)];
}

/** Merged minute ranges of one weekday. */
function dayRanges(calendar: Calendar, day: Weekday): [number, number][] {
  const ranges = calendar.slots.filter((slot) => slot.day === day).map(slotMinutes);
  return normalise(ranges).map(([s, e]) => [s, e]);
}

/** Seconds a calendar covers in a typical week (no holidays, no clock change); overlapping slots count once. */
export function weeklySeconds(calendar: Calendar): number {
  return WEEKDAYS.reduce((sum, day) => sum + dayRanges(calendar, day).reduce((s, [a, b]) => s + (b - a) * 60, 0), 0);
}

/**
 * The calendar's merged slots on the wall-clock week in seconds after Monday 00:00, one list per weekday
 * (Monday first): the typical week the mean calendar repeats.
 */
export function weeklySlotSeconds(calendar: Calendar): readonly (readonly (readonly [number, number])[])[] {
  return WEEKDAYS.map((day, index) =>
    dayRanges(calendar, day).map(([a, b]) => [index * 86_400 + a * 60, index * 86_400 + b * 60] as const),
  );
}

/** Seconds the calendar covers on one weekday. */
export function daySeconds(calendar: Calendar, day: Weekday): number {
  return dayRanges(calendar, day).reduce((s, [a, b]) => s + (b - a) * 60, 0);
}

/** The zone a calendar is read in: its own, else the workshop's. */
export function calendarZone(calendar: Calendar, fallbackZone: string): string {
  return calendar.timeZone ?? fallbackZone;
}

/**
 * The UTC intervals a calendar covers between two instants, exact: slots are laid on each local date in the
 * calendar's zone, so clock changes lengthen or shorten them, and holidays remove whole local days.
 */
export function intervalsBetween(
  calendar: Calendar,
  startUtcMs: number,
  endUtcMs: number,
  fallbackZone: string,
): readonly Interval[] {
  if (endUtcMs <= startUtcMs || calendar.slots.length === 0) return [];
  // Keyed by value, not identity: the live preview derives a fresh snapshot on every keystroke, while the
  // calendars in it rarely change, so their year of intervals is computed once.
  const key = `${startUtcMs}|${endUtcMs}|${fallbackZone}|${calendar.timeZone ?? ''}|${JSON.stringify(calendar.slots)}|${JSON.stringify(calendar.holidays)}`;
  const known = intervalMemo.get(key);
  if (known) return known;
  const computed = computeIntervals(calendar, startUtcMs, endUtcMs, fallbackZone);
  if (intervalMemo.size >= 256) intervalMemo.delete(intervalMemo.keys().next().value ?? '');
  intervalMemo.set(key, computed);
  return computed;
}

const intervalMemo = new Map<string, readonly Interval[]>();

function computeIntervals(calendar: Calendar, startUtcMs: number, endUtcMs: number, fallbackZone: string): Interval[] {
  const zone = calendarZone(calendar, fallbackZone);
  const holidays = new Set(calendar.holidays.map((h) => h.date));
  const ranges = WEEKDAYS.map((day) => dayRanges(calendar, day));
  const first = localDate(zone, startUtcMs).wallDayMs - DAY_MS;
  const last = localDate(zone, endUtcMs).wallDayMs + DAY_MS;
  const out: Interval[] = [];
  for (let wallDay = first; wallDay <= last; wallDay += DAY_MS) {
    const iso = new Date(wallDay).toISOString().slice(0, 10);
    if (holidays.has(iso)) continue;
    const weekday = (new Date(wallDay).getUTCDay() + 6) % 7;
    for (const [from, to] of ranges[weekday] ?? []) {
      const start = Math.max(startUtcMs, localToUtc(zone, wallDay + from * MINUTE_MS));
      const end = Math.min(endUtcMs, localToUtc(zone, wallDay + to * MINUTE_MS));
      if (end > start) out.push([start, end]);
    }
  }
  return normalise(out);
}

/** Exact seconds of [start, end) the calendar covers (clock changes and holidays honoured). */
export function measuredSecondsBetween(
  calendar: Calendar,
  startUtcMs: number,
  endUtcMs: number,
  fallbackZone: string,
): number {
  return totalMs(intervalsBetween(calendar, startUtcMs, endUtcMs, fallbackZone)) / 1000;
}

/** What is measured: around the clock, or a service-hours calendar. */
export type Measured = '24x7' | Calendar;

function measuredIntervals(
  measured: Measured,
  startUtcMs: number,
  endUtcMs: number,
  fallbackZone: string,
): readonly Interval[] {
  return measured === '24x7'
    ? [[startUtcMs, endUtcMs]]
    : intervalsBetween(measured, startUtcMs, endUtcMs, fallbackZone);
}

/** The longest uncovered stretch: its length in seconds of measured time, and the instant it starts. */
export interface UncoveredStretch {
  readonly seconds: number;
  readonly startUtcMs: number | undefined;
}

/**
 * The longest stretch of measured time during which no coverage calendar (support desk, on-call) is staffed,
 * in seconds of measured time. An incident that starts uncovered waits until someone is on duty, so uncovered
 * measured time keeps adding up across unmeasured hours (Friday 16:00–18:00 plus Monday 08:00–10:00 is one
 * 4-hour stretch) and only a covered moment ends the stretch. `excluded` (maintenance windows taken out of
 * measured time) is unmeasured time too: it neither adds to a stretch nor ends one.
 */
export function longestUncoveredStretch(
  measured: Measured,
  coverage: readonly Calendar[],
  fromUtcMs: number,
  toUtcMs: number,
  fallbackZone: string,
  excluded: readonly Interval[] = [],
): UncoveredStretch {
  const measuredTime = subtract(
    normalise(measuredIntervals(measured, fromUtcMs, toUtcMs, fallbackZone)),
    normalise(excluded),
  );
  const covered = normalise(coverage.flatMap((c) => intervalsBetween(c, fromUtcMs, toUtcMs, fallbackZone)));
  const uncovered = subtract(measuredTime, covered);
  const coveredMeasured = intersect(measuredTime, covered);
  let longest = 0;
  let longestStart: number | undefined;
  let running = 0;
  let runningStart = 0;
  let lastEnd = -Infinity;
  let c = 0;
  for (const [start, end] of uncovered) {
    while (c < coveredMeasured.length && (coveredMeasured[c] as Interval)[1] <= start) c += 1;
    const coveredBetween = c > 0 && (coveredMeasured[c - 1] as Interval)[1] > lastEnd;
    if (coveredBetween || running === 0) {
      running = 0;
      runningStart = start;
    }
    running += end - start;
    if (running > longest) {
      longest = running;
      longestStart = runningStart;
    }
    lastEnd = end;
  }
  return { seconds: longest / 1000, startUtcMs: longestStart };
}

/** {@link longestUncoveredStretch}, its length only. */
export function longestUncoveredStretchSeconds(...args: Parameters<typeof longestUncoveredStretch>): number {
  return longestUncoveredStretch(...args).seconds;
}
