import type { Calendar, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { weekRanges } from '../prometheus/promql-calendar.ts';

const WEEK_MINUTES = 7 * 1440;

/** A stretch of the week outside a calendar's hours: starting `startMinute` after Monday 00:00, `minutes` long. */
export interface WeeklyGap {
  readonly day: Weekday;
  /** Minutes after local midnight of `day`. */
  readonly startMinute: number;
  readonly minutes: number;
}

/**
 * The complement of a calendar's weekly hours, as gaps that each start on one weekday: Mon–Fri 07:00–19:00 gives
 * Mon 19:00 for 12 h, …, Fri 19:00 for 60 h (to Monday 07:00). A calendar without hours is one 168-hour gap.
 */
export function weeklyGaps(calendar: Pick<Calendar, 'slots'>): WeeklyGap[] {
  const ranges = weekRanges(calendar)
    .map((r) => [WEEKDAYS.indexOf(r.day) * 1440 + r.from, WEEKDAYS.indexOf(r.day) * 1440 + r.to] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  // Merge across midnight (Mon 22:00–24:00 then Tue 00:00–06:00 is one stretch of hours).
  const merged: [number, number][] = [];
  for (const [from, to] of ranges) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  if (merged.length === 0) return [{ day: 'mon', startMinute: 0, minutes: WEEK_MINUTES }];
  const first = merged[0] as [number, number];
  const last = merged.at(-1) as [number, number];
  if (last[1] === WEEK_MINUTES && first[0] === 0 && merged.length > 1) {
    // Sunday night runs into Monday morning: one stretch of hours, not two.
    first[0] = last[0] - WEEK_MINUTES;
    merged.pop();
  }
  const gaps: WeeklyGap[] = [];
  merged.forEach(([, end], i) => {
    const next = merged[i + 1] ?? [(merged[0]?.[0] ?? 0) + WEEK_MINUTES, 0];
    const minutes = next[0] - end;
    if (minutes <= 0) return;
    const start = ((end % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
    gaps.push({ day: WEEKDAYS[Math.floor(start / 1440)] ?? 'mon', startMinute: start % 1440, minutes });
  });
  return gaps;
}
