import type { Calendar, MaintenanceWindow, Recurrence, Weekday } from '../model/index.ts';
import { WEEKDAYS } from '../model/common.schema.ts';
import { normalise, type Interval } from './intervals.ts';
import { PERIOD_SECONDS, periodsRecord, type Period } from './periods.ts';
import { weeklySlotSeconds, type Measured } from './service-calendar.ts';
import { DAY_MS, localToUtc } from './zoned-time.ts';

const DAY_SECONDS = 86_400;
const WEEK_SECONDS = 7 * DAY_SECONDS;

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Local midnight (as wall ms) of each date in [from, to) on which the recurrence falls. */
function occurrenceDays(recurrence: Recurrence, fromWallMs: number, toWallMs: number): number[] {
  const weekdayIndex = WEEKDAYS.indexOf(recurrence.day);
  const days: number[] = [];
  for (let day = fromWallMs; day < toWallMs; day += DAY_MS) {
    const date = new Date(day);
    if ((date.getUTCDay() + 6) % 7 !== weekdayIndex) continue;
    if (recurrence.kind === 'weekly') {
      days.push(day);
      continue;
    }
    const dayOfMonth = date.getUTCDate();
    const nth = Math.ceil(dayOfMonth / 7);
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    const isLast = dayOfMonth + 7 > daysInMonth;
    if (recurrence.week === 'last' ? isLast : nth === recurrence.week) days.push(day);
  }
  return days;
}

/** The UTC intervals of a maintenance window's occurrences between two instants, in the window's zone. */
export function maintenanceIntervals(
  window: MaintenanceWindow,
  startUtcMs: number,
  endUtcMs: number,
  fallbackZone: string,
): Interval[] {
  const zone = window.timeZone ?? fallbackZone;
  const from = Math.floor(startUtcMs / DAY_MS) * DAY_MS - 2 * DAY_MS;
  const to = Math.ceil(endUtcMs / DAY_MS) * DAY_MS + DAY_MS;
  const out: Interval[] = [];
  for (const day of occurrenceDays(window.recurrence, from, to)) {
    const start = localToUtc(zone, day + minutes(window.recurrence.start) * 60_000);
    const end = start + window.durationSeconds * 1000;
    const clipped: Interval = [Math.max(start, startUtcMs), Math.min(end, endUtcMs)];
    if (clipped[1] > clipped[0]) out.push(clipped);
  }
  return normalise(out);
}

/**
 * Mean seconds per period that a maintenance window takes out of measured time, on the mean Gregorian
 * calendar (SPEC §2): every weekday recurs 365.2425 / 7 times a year, so a weekly window removes exactly its
 * measured part each week, whichever weekday or hour it falls on, and a monthly window (twelve a year) its
 * measured part each month. The measured part is the window's overlap with the measured week in local wall
 * time: all of it around the clock, only the service hours it covers otherwise. A weekly window on a
 * weekday with listed holidays loses the share of its occurrences that fall on them (no service hours then).
 */
export function maintenanceSecondsPerPeriod(window: MaintenanceWindow, measured: Measured): Record<Period, number> {
  const cycle = window.recurrence.kind === 'weekly' ? PERIOD_SECONDS.week : PERIOD_SECONDS.month;
  const perOccurrence =
    measured === '24x7'
      ? Math.min(window.durationSeconds, cycle)
      : measuredOverlapSeconds(window, measured, window.recurrence.kind === 'weekly');
  return periodsRecord((period) => perOccurrence * (PERIOD_SECONDS[period] / cycle));
}

/** Seconds of one occurrence inside a calendar's weekly slots, laid out on the wall-clock week (Monday 00:00 = 0). */
function measuredOverlapSeconds(window: MaintenanceWindow, calendar: Calendar, honourHolidays: boolean): number {
  const start = WEEKDAYS.indexOf(window.recurrence.day) * DAY_SECONDS + minutes(window.recurrence.start) * 60;
  const length = Math.min(window.durationSeconds, WEEK_SECONDS);
  // A window running past Sunday midnight continues on Monday: split it where the week wraps.
  const pieces: [number, number][] =
    start + length <= WEEK_SECONDS
      ? [[start, start + length]]
      : [
          [start, WEEK_SECONDS],
          [0, start + length - WEEK_SECONDS],
        ];
  let seconds = 0;
  for (const [weekday, ranges] of weeklySlotSeconds(calendar).entries()) {
    const keep = honourHolidays ? 1 - holidayShare(calendar, WEEKDAYS[weekday] as Weekday) : 1;
    for (const [from, to] of ranges) {
      for (const [a, b] of pieces) seconds += Math.max(0, Math.min(b, to) - Math.max(a, from)) * keep;
    }
  }
  return seconds;
}

/** The share of a weekday's mean yearly occurrences (365.2425 / 7) that the calendar's holidays take away. */
function holidayShare(calendar: Calendar, weekday: Weekday): number {
  if (calendar.holidays.length === 0) return 0;
  const dates = new Set(calendar.holidays.map((h) => h.date));
  const years = new Set([...dates].map((d) => d.slice(0, 4)));
  const onWeekday = [...dates].filter(
    (d) => WEEKDAYS[(new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7] === weekday,
  ).length;
  return Math.min(1, onWeekday / years.size / (PERIOD_SECONDS.year / WEEK_SECONDS));
}
