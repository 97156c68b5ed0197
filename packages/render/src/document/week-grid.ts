import { intervalsBetween } from '@accord/core/calendar';
import type { Calendar, Requirements, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { localToUtc as wallToUtc, utcToWall } from '@accord/core/zoned-time';
import { DAY_LABEL, summariseRecurrence } from './format/calendar-summary.ts';
import { mergeRanges, splitByDay, subtractRanges, type MinuteRange } from './minute-ranges.ts';

export interface WeekGridDay {
  readonly day: Weekday;
  readonly label: string;
  /** Minutes after local midnight, in the workshop's zone. */
  readonly service: readonly MinuteRange[];
  readonly staffed: readonly MinuteRange[];
  readonly onCall: readonly MinuteRange[];
  /** Measured time with nobody on duty or on call. */
  readonly gaps: readonly MinuteRange[];
  readonly maintenanceExcluded: readonly MinuteRange[];
  readonly maintenanceCounted: readonly MinuteRange[];
}

/** One regular week (no holidays) of service hours, support, on-call and maintenance, side by side. */
export interface WeekGrid {
  readonly zone: string;
  readonly serviceLabel: string;
  readonly staffedLabel: string;
  readonly onCallLabel: string;
  /** What counts as measured time when looking for gaps. */
  readonly measuredLabel: string;
  readonly days: readonly WeekGridDay[];
  /** Maintenance that does not recur every week, and similar caveats. */
  readonly notes: readonly string[];
}

/** A week without clock changes in either hemisphere: Monday 12 January 2026, local time. */
const WEEK_START_WALL_MS = Date.UTC(2026, 0, 12);
const MINUTE_MS = 60_000;
const WEEK_MINUTES = 7 * 1440;

/** A week-relative range wrapped into [0, week), split in two where it runs past Sunday midnight. */
function wrapWeek([start, end]: MinuteRange): MinuteRange[] {
  const shifted = ((start % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  const length = end - start;
  return shifted + length <= WEEK_MINUTES
    ? [[shifted, shifted + length]]
    : [
        [shifted, WEEK_MINUTES],
        [0, shifted + length - WEEK_MINUTES],
      ];
}

/** Lays the workshop's calendars and maintenance windows on one regular week in the workshop's zone. */
export function buildWeekGrid(requirements: Requirements): WeekGrid {
  const zone = requirements.meta.timeZone;
  const startUtc = wallToUtc(zone, WEEK_START_WALL_MS);
  const endUtc = wallToUtc(zone, WEEK_START_WALL_MS + WEEK_MINUTES * MINUTE_MS);
  const toWeekMinutes = (utcMs: number): number =>
    Math.round((utcToWall(zone, utcMs) - WEEK_START_WALL_MS) / MINUTE_MS);
  const calendarById = new Map(requirements.calendars.map((c) => [c.id, c]));
  const weekOf = (calendar: Calendar | undefined): MinuteRange[] =>
    calendar
      ? intervalsBetween({ ...calendar, holidays: [] }, startUtc, endUtc, zone).map(([s, e]): MinuteRange => [
          toWeekMinutes(s),
          toWeekMinutes(e),
        ])
      : [];
  const allWeek: MinuteRange[] = [[0, WEEK_MINUTES]];

  const serviceCalendar = calendarById.get(requirements.serviceHoursCalendarId ?? '');
  const service = serviceCalendar ? weekOf(serviceCalendar) : allWeek;
  const staffedCalendar = calendarById.get(requirements.support.coverageCalendarId ?? '');
  const onCallCalendar = calendarById.get(requirements.support.onCallCalendarId ?? '');
  const staffed = weekOf(staffedCalendar);
  const onCall = weekOf(onCallCalendar);

  const excluded: MinuteRange[] = [];
  const counted: MinuteRange[] = [];
  const excludedFor = new Map<string, MinuteRange[]>();
  const notes: string[] = [];
  for (const window of requirements.maintenance) {
    const windowZone = window.timeZone ?? zone;
    const dayIndex = WEEKDAYS.indexOf(window.recurrence.day);
    const [hours, minutes] = window.recurrence.start.split(':').map(Number) as [number, number];
    const wall = WEEK_START_WALL_MS + dayIndex * 1440 * MINUTE_MS + (hours * 60 + minutes) * MINUTE_MS;
    const start = toWeekMinutes(wallToUtc(windowZone, wall));
    const range: MinuteRange = [start, start + Math.round(window.durationSeconds / 60)];
    (window.counted ? counted : excluded).push(range);
    if (!window.counted) {
      for (const fn of requirements.functions) {
        if (window.appliesTo.length === 0 || window.appliesTo.includes(fn.id))
          excludedFor.set(fn.id, [...(excludedFor.get(fn.id) ?? []), ...wrapWeek(range)]);
      }
    }
    if (window.recurrence.kind === 'monthly')
      notes.push(`${window.name} recurs ${summariseRecurrence(window)}; shown on its weekday.`);
  }

  // Measured time is what the SLA counts: each target's window, less the maintenance excluded for it.
  const targets = requirements.functions.filter((f) => f.availability !== undefined);
  const round = targets.filter((f) => f.availability?.window.kind === '24x7');
  const measured =
    targets.length === 0
      ? allWeek
      : mergeRanges(
          targets.flatMap((f) => {
            const window = f.availability?.window;
            const base = window?.kind === 'service-hours' ? weekOf(calendarById.get(window.calendarId)) : allWeek;
            return subtractRanges(base, excludedFor.get(f.id) ?? []);
          }),
        );
  const measuredLabel =
    targets.length === 0
      ? 'every hour of the week counts (no availability targets yet)'
      : round.length > 0
        ? `${listWords(round.map((f) => f.name))} ${round.length === 1 ? 'is' : 'are'} measured around the clock, less excluded maintenance`
        : 'only the service hours of the functions with targets count';
  const gaps = staffedCalendar || onCallCalendar ? subtractRanges(measured, [...staffed, ...onCall]) : [];

  const service7 = splitByDay(service);
  const staffed7 = splitByDay(staffed);
  const onCall7 = splitByDay(onCall);
  const gaps7 = splitByDay(gaps);
  const excluded7 = splitByDay(excluded);
  const counted7 = splitByDay(counted);
  return {
    zone,
    serviceLabel: serviceCalendar ? `Service hours (${serviceCalendar.name})` : 'Service hours (24×7)',
    staffedLabel: staffedCalendar ? `Support desk (${staffedCalendar.name})` : 'Support desk (none)',
    onCallLabel: onCallCalendar ? `On call (${onCallCalendar.name})` : 'On call (none)',
    measuredLabel,
    days: WEEKDAYS.map((day, index) => ({
      day,
      label: DAY_LABEL[day],
      service: service7[index] ?? [],
      staffed: staffed7[index] ?? [],
      onCall: onCall7[index] ?? [],
      gaps: gaps7[index] ?? [],
      maintenanceExcluded: excluded7[index] ?? [],
      maintenanceCounted: counted7[index] ?? [],
    })),
    notes,
  };
}

/** ["A", "B", "C"] → "A, B and C". */
function listWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
