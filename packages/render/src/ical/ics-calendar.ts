import type { Calendar, MaintenanceWindow, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { summariseRecurrence, summariseSlots } from '../document/format/calendar-summary.ts';
import { agreementNotes } from '../operational/agreement-notes.ts';
import { exportYears } from '../operational/export-horizon.ts';
import { calendarZoneOf, commitmentsOf, windowZone } from '../operational/measured-time.ts';
import { serviceSlug } from '../operational/sli-convention.ts';
import { wallToUtcMs } from '../operational/zone-transitions.ts';
import type { VersionRecord } from '../version/version-record.ts';
import { icsDuration, icsStream, icsText, utcStamp, wallStamp } from './ics-text.ts';
import { vtimezone } from './vtimezone.ts';

const DAY_MS = 86_400_000;
const ICS_DAY: Readonly<Record<Weekday, string>> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
};

/** What an iCalendar file cannot carry, said in the calendar's description. */
export const ICS_CANNOT_EXPRESS =
  'Recurrences are spelled out for the years the file covers (with their clock changes and the holidays listed in the SLA); ' +
  'targets, budgets and recovery objectives are not calendar events and appear here as text only.';

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

const weekdayOf = (wallDayMs: number): Weekday => WEEKDAYS[(new Date(wallDayMs).getUTCDay() + 6) % 7] ?? 'mon';

interface Roles {
  readonly kinds: string[];
  readonly functions: string[];
}

function calendarRoles(record: VersionRecord): Map<string, Roles> {
  const roles = new Map<string, Roles>();
  const add = (id: string | undefined, kind: string, fn?: string): void => {
    if (!id || !record.requirements.calendars.some((c) => c.id === id)) return;
    const entry = roles.get(id) ?? { kinds: [], functions: [] };
    if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
    if (fn && !entry.functions.includes(fn)) entry.functions.push(fn);
    roles.set(id, entry);
  };
  for (const c of commitmentsOf(record)) add(c.calendar?.id, 'service-hours', c.fn.id);
  add(record.requirements.support.coverageCalendarId, 'support-hours');
  add(record.requirements.support.onCallCalendarId, 'on-call');
  return roles;
}

const KIND_LABEL: Readonly<Record<string, string>> = {
  'service-hours': 'Service hours',
  'support-hours': 'Support hours',
  'on-call': 'On-call',
};

/** One VEVENT per group of weekdays sharing the same hours; holidays on those weekdays become EXDATEs. */
function calendarEvents(
  record: VersionRecord,
  calendar: Calendar,
  roles: Roles,
  years: { fromYear: number; toYear: number },
  stamp: string,
): string[][] {
  const zone = calendarZoneOf(record.requirements, calendar);
  const groups = new Map<string, Weekday[]>();
  for (const slot of calendar.slots) {
    const key = `${slot.start}-${slot.end}`;
    const days = groups.get(key) ?? [];
    if (!days.includes(slot.day)) days.push(slot.day);
    groups.set(key, days);
  }
  const first = Date.UTC(years.fromYear, 0, 1);
  const last = Date.UTC(years.toYear + 1, 0, 1);
  const until = utcStamp(wallToUtcMs(zone, last) - 1000);
  const title = `${roles.kinds.map((k) => KIND_LABEL[k] ?? k).join(', ')}: ${calendar.name}`;
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, days], index) => {
      const [start, end] = key.split('-') as [string, string];
      const sorted = WEEKDAYS.filter((d) => days.includes(d));
      let day = first;
      while (!sorted.includes(weekdayOf(day))) day += DAY_MS;
      const exdates = calendar.holidays
        .map((h) => Date.parse(`${h.date}T00:00:00Z`))
        .filter((d) => d >= first && d < last && sorted.includes(weekdayOf(d)))
        .sort((a, b) => a - b)
        .map((d) => wallStamp(d + minutesOf(start) * 60_000));
      return [
        'BEGIN:VEVENT',
        `UID:accord-${serviceSlug(record)}-calendar-${calendar.id}-${index + 1}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;TZID=${zone}:${wallStamp(day + minutesOf(start) * 60_000)}`,
        `DTEND;TZID=${zone}:${wallStamp(day + minutesOf(end) * 60_000)}`,
        `RRULE:FREQ=WEEKLY;BYDAY=${sorted.map((d) => ICS_DAY[d]).join(',')};UNTIL=${until}`,
        ...(exdates.length > 0 ? [`EXDATE;TZID=${zone}:${exdates.join(',')}`] : []),
        `SUMMARY:${icsText(title)}`,
        `DESCRIPTION:${icsText(`${calendar.name}: ${summariseSlots(calendar)} (${zone}). Holidays: ${calendar.holidays.map((h) => `${h.date} ${h.name}`.trim()).join('; ') || 'none'}.`)}`,
        `CATEGORIES:${roles.kinds.map((k) => k.toUpperCase()).join(',')}`,
        'TRANSP:TRANSPARENT',
        `X-ACCORD-KIND:${roles.kinds.join(',')}`,
        `X-ACCORD-ID:${calendar.id}`,
        ...(roles.functions.length > 0 ? [`X-ACCORD-FUNCTIONS:${roles.functions.join(',')}`] : []),
        'END:VEVENT',
      ];
    });
}

/** Whether a local date is an occurrence day of a maintenance recurrence. */
function occursOn(window: MaintenanceWindow, wallDayMs: number): boolean {
  const recurrence = window.recurrence;
  if (weekdayOf(wallDayMs) !== recurrence.day) return false;
  if (recurrence.kind === 'weekly') return true;
  const date = new Date(wallDayMs);
  const dayOfMonth = date.getUTCDate();
  const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return recurrence.week === 'last' ? dayOfMonth + 7 > daysInMonth : Math.ceil(dayOfMonth / 7) === recurrence.week;
}

function maintenanceEvent(
  record: VersionRecord,
  window: MaintenanceWindow,
  years: { fromYear: number; toYear: number },
  stamp: string,
): string[] {
  const zone = windowZone(record.requirements, window);
  const recurrence = window.recurrence;
  let day = Date.UTC(years.fromYear, 0, 1);
  while (!occursOn(window, day)) day += DAY_MS;
  const until = utcStamp(wallToUtcMs(zone, Date.UTC(years.toYear + 1, 0, 1)) - 1000);
  const rule =
    recurrence.kind === 'weekly'
      ? `FREQ=WEEKLY;BYDAY=${ICS_DAY[recurrence.day]}`
      : `FREQ=MONTHLY;BYDAY=${recurrence.week === 'last' ? '-1' : recurrence.week}${ICS_DAY[recurrence.day]}`;
  const kind = window.counted ? 'maintenance-counted' : 'maintenance-excluded';
  const effect = window.counted ? 'counted against the downtime budget' : 'excluded from measured time';
  return [
    'BEGIN:VEVENT',
    `UID:accord-${serviceSlug(record)}-maintenance-${window.id}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;TZID=${zone}:${wallStamp(day + minutesOf(recurrence.start) * 60_000)}`,
    `DURATION:${icsDuration(window.durationSeconds)}`,
    `RRULE:${rule};UNTIL=${until}`,
    `SUMMARY:${icsText(`Maintenance (${window.counted ? 'counted' : 'excluded'}): ${window.name}`)}`,
    `DESCRIPTION:${icsText(`${window.name}: ${summariseRecurrence(window)} (${zone}), ${effect}. Applies to ${window.appliesTo.length === 0 ? 'every business function' : window.appliesTo.join(', ')}.`)}`,
    'CATEGORIES:MAINTENANCE',
    'TRANSP:OPAQUE',
    `X-ACCORD-KIND:${kind}`,
    `X-ACCORD-ID:${window.id}`,
    `X-ACCORD-FUNCTIONS:${window.appliesTo.length === 0 ? '*' : window.appliesTo.join(',')}`,
    'END:VEVENT',
  ];
}

/**
 * The SLA's calendars as iCalendar (RFC 5545): service hours, support and on-call hours as weekly recurring
 * events in their zones (one VTIMEZONE per zone), holidays as EXDATEs, and maintenance windows as weekly or
 * monthly recurring events with their exact duration. Events recur over the export's years (`exportYears`).
 * Every participant string is a TEXT value, escaped, so it cannot start a property or a component.
 */
export function renderIcs(record: VersionRecord, hash: string): string {
  const { requirements, version } = record;
  const years = exportYears(record);
  const stamp = version ? utcStamp(Date.parse(version.publishedAt)) : '19700101T000000Z';
  const roles = calendarRoles(record);
  const calendars = requirements.calendars.filter((c) => roles.has(c.id));
  const zones = [
    ...new Set([
      ...calendars.map((c) => calendarZoneOf(requirements, c)),
      ...requirements.maintenance.map((m) => windowZone(requirements, m)),
    ]),
  ].sort();
  const description = [
    `${requirements.meta.service}: service hours, support hours and maintenance windows of ${version ? `version ${version.number}` : 'a draft'} of the SLA (sha256 ${hash}), ${years.fromYear}–${years.toYear}.`,
    ICS_CANNOT_EXPRESS,
    ...agreementNotes(record),
  ].join('\n');
  return icsStream([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Accord//SLA calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // NAME and DESCRIPTION are RFC 7986's calendar properties; the X-WR- pair is what older clients read.
    `NAME:${icsText(`${requirements.meta.service}: SLA hours`)}`,
    `DESCRIPTION:${icsText(description)}`,
    `X-WR-CALNAME:${icsText(`${requirements.meta.service}: SLA hours`)}`,
    `X-WR-CALDESC:${icsText(description)}`,
    `X-WR-TIMEZONE:${requirements.meta.timeZone}`,
    ...zones.flatMap((zone) => vtimezone(zone, years.fromYear, years.toYear)),
    ...calendars.flatMap((c) =>
      calendarEvents(record, c, roles.get(c.id) ?? { kinds: [], functions: [] }, years, stamp).flat(),
    ),
    ...requirements.maintenance.flatMap((m) => maintenanceEvent(record, m, years, stamp)),
    'END:VCALENDAR',
  ]);
}
