import type { MaintenanceWindow, Recurrence } from '../model/index.ts';
import { WEEKDAYS } from '../model/index.ts';
import { intersect, normalise, totalMs, type Interval } from './intervals.ts';
import { PERIOD_SECONDS, periodsRecord, type Period } from './periods.ts';
import { intervalsBetween, type Measured } from './service-calendar.ts';
import { DAY_MS, localToUtc } from './zoned-time.ts';

/**
 * The fixed reference year over which maintenance is laid out (2026, starting on a Thursday), so results are
 * deterministic and independent of the day a document is rendered.
 */
export const REFERENCE_YEAR_START_MS = Date.UTC(2026, 0, 1);
export const REFERENCE_YEAR_END_MS = Date.UTC(2027, 0, 1);

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
export function maintenanceIntervals(window: MaintenanceWindow, startUtcMs: number, endUtcMs: number, fallbackZone: string): Interval[] {
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
 * Mean seconds per period that a maintenance window takes out of measured time: its occurrences in the
 * reference year, clipped to the measured window (24×7 or service hours), scaled to each period.
 */
export function maintenanceSecondsPerPeriod(window: MaintenanceWindow, measured: Measured, fallbackZone: string): Record<Period, number> {
  const occurrences = maintenanceIntervals(window, REFERENCE_YEAR_START_MS, REFERENCE_YEAR_END_MS, fallbackZone);
  const inside = measured === '24x7'
    ? occurrences
    : intersect(occurrences, intervalsBetween(measured, REFERENCE_YEAR_START_MS, REFERENCE_YEAR_END_MS, fallbackZone));
  const insideSeconds = totalMs(inside) / 1000;
  // A monthly window happens twelve times in any year: its reference year is a mean year, so a 2 h monthly
  // window costs exactly 2 h a month. A weekly one happens 52 or 53 times: it is a rate over the real year.
  if (window.recurrence.kind === 'monthly') return periodsRecord((period) => insideSeconds * (PERIOD_SECONDS[period] / PERIOD_SECONDS.year));
  const referenceSeconds = (REFERENCE_YEAR_END_MS - REFERENCE_YEAR_START_MS) / 1000;
  return periodsRecord((period) => (insideSeconds / referenceSeconds) * PERIOD_SECONDS[period]);
}
