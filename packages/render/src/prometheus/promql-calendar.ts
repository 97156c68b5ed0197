import type { Calendar, MaintenanceWindow, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { wallToUtcMs, zoneOffsets, type ZoneOffsets } from '../operational/zone-transitions.ts';

/**
 * PromQL for wall-clock calendars. PromQL's date functions (`day_of_week`, `hour`, `minute`, `day_of_month`,
 * `days_in_month`) read a sample's value as a Unix time and answer in UTC, and PromQL has no time zones. So
 * each zone gets one recorded series whose value is *local* time as if it were UTC — `time()` plus the zone's
 * offset, where the offset is the offset at the start of the export's years plus one step per clock change,
 * each change an exact UTC instant taken from the zone database when the file is written. The date functions
 * of that series then give local weekday, hour and date; a slot 07:00–19:00 stays 07:00–19:00 local on both
 * sides of a clock change, and after the last listed change the offset stays as it was (the file says until
 * when it is exact).
 */

/** Recorded series with a zone's local wall time, seconds: `accord:local_time{accord_zone="Europe/Berlin"}`. */
export const LOCAL_TIME_RECORD = 'accord:local_time';
export const ZONE_LABEL = 'accord_zone';

/** Prometheus's `day_of_week`: Sunday is 0. */
const PROM_DAY: Readonly<Record<Weekday, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Recorded from it: local weekday (Sunday 0) and minutes since local midnight. */
export const LOCAL_DAY_RECORD = 'accord:local_day_of_week';
export const LOCAL_MINUTE_RECORD = 'accord:local_minute_of_day';

// IANA names are letters, digits, "/", "_", "-" and "+": nothing that needs escaping in a PromQL string.
const zoneSelector = (record: string, zone: string): string => `${record}{${ZONE_LABEL}="${zone}"}`;

export function localTimeSelector(zone: string): string {
  return zoneSelector(LOCAL_TIME_RECORD, zone);
}

/** The three recording rules of a zone, in the order they must run: local time, then weekday and minute of it. */
export function zoneRules(
  offsets: ZoneOffsets,
): { readonly record: string; readonly expr: string; readonly labels: Record<string, string> }[] {
  const labels = { [ZONE_LABEL]: offsets.zone };
  const lt = localTimeSelector(offsets.zone);
  return [
    { record: LOCAL_TIME_RECORD, expr: localTimeExpr(offsets), labels },
    { record: LOCAL_DAY_RECORD, expr: `day_of_week(${lt})`, labels },
    { record: LOCAL_MINUTE_RECORD, expr: `hour(${lt}) * 60 + minute(${lt})`, labels },
  ];
}

/** The expression of a zone's local-time series: `vector(time() + 3600 + 3600 * (time() >= bool 1806541200) - …)`. */
export function localTimeExpr(offsets: ZoneOffsets): string {
  const steps = offsets.transitions.map((t) => {
    const delta = t.toSeconds - t.fromSeconds;
    return ` ${delta < 0 ? '-' : '+'} ${Math.abs(delta)} * (time() >= bool ${t.atUtcMs / 1000})`;
  });
  return `vector(time() + ${offsets.initialSeconds}${steps.join('')})`;
}

export { zoneOffsets };

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** A calendar's slots per weekday as merged [from, to) minute ranges. */
export function weekRanges(
  calendar: Pick<Calendar, 'slots'>,
): { readonly day: Weekday; readonly from: number; readonly to: number }[] {
  const out: { day: Weekday; from: number; to: number }[] = [];
  for (const day of WEEKDAYS) {
    const ranges = calendar.slots
      .filter((s) => s.day === day)
      .map((s) => [minutesOf(s.start), minutesOf(s.end)] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [from, to] of ranges) {
      const last = merged.at(-1);
      if (last && from <= last[1]) last[1] = Math.max(last[1], to);
      else merged.push([from, to]);
    }
    for (const [from, to] of merged) out.push({ day, from, to });
  }
  return out;
}

/** 1 while the local minute of the day is in [from, to), as factors (none for a whole day). */
function clockFactors(zone: string, from: number, to: number): string[] {
  const minute = zoneSelector(LOCAL_MINUTE_RECORD, zone);
  return [from > 0 ? `(${minute} >= bool ${from})` : '', to < 1440 ? `(${minute} < bool ${to})` : ''].filter(Boolean);
}

/** 1 on the Prometheus weekdays first..last (a contiguous run), else 0. */
function dayFactor(zone: string, first: number, last: number): string {
  const day = zoneSelector(LOCAL_DAY_RECORD, zone);
  return first === last ? `(${day} == bool ${first})` : `(${day} >= bool ${first}) * (${day} <= bool ${last})`;
}

/** The calendar's hours as terms: one per run of consecutive weekdays (Sunday first) sharing the same range. */
function hourTerms(calendar: Pick<Calendar, 'slots'>, zone: string): string[] {
  const byRange = new Map<string, number[]>();
  for (const r of weekRanges(calendar)) {
    const key = `${r.from}-${r.to}`;
    byRange.set(key, [...(byRange.get(key) ?? []), PROM_DAY[r.day]]);
  }
  const terms: string[] = [];
  for (const [key, days] of [...byRange].sort((a, b) => Math.min(...a[1]) - Math.min(...b[1]))) {
    const [from, to] = key.split('-').map(Number) as [number, number];
    const sorted = [...days].sort((a, b) => a - b);
    let runStart = sorted[0] ?? 0;
    sorted.forEach((day, i) => {
      const next = sorted[i + 1];
      if (next === day + 1) return;
      terms.push(`(${[dayFactor(zone, runStart, day), ...clockFactors(zone, from, to)].join(' * ')})`);
      if (next !== undefined) runStart = next;
    });
  }
  return terms;
}

/** 1 while `time()` is within [startMs, endMs) UTC. */
function instantRangeTerm(startMs: number, endMs: number): string {
  return `(time() >= bool ${startMs / 1000}) * (time() < bool ${endMs / 1000})`;
}

/** The UTC span of a local date in a zone (a holiday removes the whole local day). */
export function localDayUtc(zone: string, isoDate: string): readonly [number, number] {
  const wall = Date.parse(`${isoDate}T00:00:00Z`);
  return [wallToUtcMs(zone, wall), wallToUtcMs(zone, wall + 86_400_000)];
}

/**
 * 1 inside the calendar's hours, else 0: a sum of one term per merged slot (slots never overlap once merged),
 * times 1 − a term per holiday date. Holidays are exact UTC spans of the local date, so they need no offset.
 */
export function calendarGateExpr(calendar: Calendar, zone: string): string {
  const terms = hourTerms(calendar, zone);
  if (terms.length === 0) return `(${localTimeSelector(zone)} * 0)`;
  const hours = terms.join('\n  + ');
  const dates = [...new Set(calendar.holidays.map((h) => h.date))].sort();
  if (dates.length === 0) return `(\n  ${hours}\n)`;
  const holidays = dates
    .map((date) => {
      const [start, end] = localDayUtc(zone, date);
      return `(${instantRangeTerm(start, end)})`;
    })
    .join('\n    + ');
  return `(\n  ${hours}\n)\n* (\n  1 - (\n    ${holidays}\n  )\n)`;
}

/** The date condition of a recurrence on local time `lt`: its weekday, and for monthly ones its week of the month. */
function dateCondition(lt: string, window: MaintenanceWindow): string {
  const recurrence = window.recurrence;
  const day = `(day_of_week(${lt}) == bool ${PROM_DAY[recurrence.day]})`;
  if (recurrence.kind === 'weekly') return day;
  if (recurrence.week === 'last') return `${day} * (day_of_month(${lt}) > bool (days_in_month(${lt}) - 7))`;
  return `${day} * (day_of_month(${lt}) >= bool ${7 * (recurrence.week - 1) + 1}) * (day_of_month(${lt}) <= bool ${7 * recurrence.week})`;
}

/**
 * 1 during an occurrence of a maintenance window, else 0. A window that runs past midnight is split per local
 * day: the part on the k-th following day tests the date of local time minus k days, so "last Saturday 22:00
 * for 4 h" also covers the first two hours of the Sunday after it. Durations are read in wall-clock time: on
 * the night clocks change, a window is an hour longer or shorter in real time (the file says so).
 */
export function maintenanceGateExpr(window: MaintenanceWindow, zone: string): string {
  const lt = localTimeSelector(zone);
  const day = zoneSelector(LOCAL_DAY_RECORD, zone);
  const start = minutesOf(window.recurrence.start);
  const end = start + Math.ceil(window.durationSeconds / 60);
  const parts: string[] = [];
  for (let k = 0; k * 1440 < end; k += 1) {
    const from = Math.max(0, start - k * 1440);
    const to = Math.min(1440, end - k * 1440);
    if (to <= from) continue;
    const shifted = k === 0 ? lt : `(${lt} - ${k * 86_400})`;
    // The weekday of the occurrence's first day, k days back: Prometheus weekdays wrap at 7.
    const date =
      window.recurrence.kind === 'weekly'
        ? `(${day} == bool ${(PROM_DAY[window.recurrence.day] + k) % 7})`
        : dateCondition(shifted, window);
    parts.push(`(${[date, ...clockFactors(zone, from, to)].join(' * ')})`);
  }
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join('\n  + ')})`;
}
