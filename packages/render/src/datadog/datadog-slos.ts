import type { MaintenanceWindow, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { summariseRecurrence } from '../document/format/calendar-summary.ts';
import { percent } from '../document/format/labels.ts';
import { agreementNotes } from '../operational/agreement-notes.ts';
import { exportYears } from '../operational/export-horizon.ts';
import { commitmentsOf, windowZone, type Commitment } from '../operational/measured-time.ts';
import { serviceSlug } from '../operational/sli-convention.ts';
import { wallToUtcMs } from '../operational/zone-transitions.ts';
import type { VersionRecord } from '../version/version-record.ts';
import { weeklyGaps } from './outside-hours.ts';

const DAY_MS = 86_400_000;
const RRULE_DAY: Readonly<Record<Weekday, string>> = {
  mon: 'MO',
  tue: 'TU',
  wed: 'WE',
  thu: 'TH',
  fri: 'FR',
  sat: 'SA',
  sun: 'SU',
};

/** Datadog SLO timeframes are rolling 7, 30 or 90 days: the nearest to each reporting period. */
const TIMEFRAME = { day: '7d', week: '7d', month: '30d', quarter: '90d', year: '90d' } as const;

/** The Datadog metrics Accord's convention names: the same checks as the Prometheus counters, in Datadog's dotted style. */
export const DATADOG_CHECKS = 'accord.availability.checks';
export const DATADOG_FAILURES = 'accord.availability.check_failures';

export const DATADOG_CANNOT_EXPRESS =
  'Datadog SLOs run over rolling 7, 30 or 90 days, not calendar periods; corrections recur by RFC 5545 rules ' +
  'with a fixed duration in seconds, so a correction spanning a clock change is an hour off that night. Holidays ' +
  'are one-off corrections for the years the file covers. Recovery objectives, support hours and response targets ' +
  'have no place in an SLO and are carried as text only.';

const minutesOf = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The first local date on or after 1 January of `year` that is `day` (and, for monthly windows, its week of the month). */
function firstDate(year: number, day: Weekday, week?: 1 | 2 | 3 | 4 | 'last'): number {
  for (let d = Date.UTC(year, 0, 1); ; d += DAY_MS) {
    const date = new Date(d);
    if (WEEKDAYS[(date.getUTCDay() + 6) % 7] !== day) continue;
    if (week === undefined) return d;
    const dom = date.getUTCDate();
    const days = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    if (week === 'last' ? dom + 7 > days : Math.ceil(dom / 7) === week) return d;
  }
}

type Correction = { readonly data: { readonly type: 'correction'; readonly attributes: Record<string, unknown> } };

const correction = (attributes: Record<string, unknown>): Correction => ({ data: { type: 'correction', attributes } });

function maintenanceCorrection(
  record: VersionRecord,
  window: MaintenanceWindow,
  fromYear: number,
  untilStamp: (zone: string) => string,
): Correction {
  const zone = windowZone(record.requirements, window);
  const r = window.recurrence;
  const date = firstDate(fromYear, r.day, r.kind === 'monthly' ? r.week : undefined);
  const rule =
    r.kind === 'weekly'
      ? `FREQ=WEEKLY;BYDAY=${RRULE_DAY[r.day]}`
      : `FREQ=MONTHLY;BYDAY=${r.week === 'last' ? '-1' : r.week}${RRULE_DAY[r.day]}`;
  return correction({
    category: 'Scheduled Maintenance',
    description: `${window.name}: ${summariseRecurrence(window)} (${zone}), excluded from measured time by the SLA.`,
    start: wallToUtcMs(zone, date + minutesOf(r.start) * 60_000) / 1000,
    duration: window.durationSeconds,
    rrule: `${rule};UNTIL=${untilStamp(zone)}`,
    timezone: zone,
  });
}

function outsideHoursCorrections(
  record: VersionRecord,
  c: Commitment,
  fromYear: number,
  toYear: number,
  untilStamp: (zone: string) => string,
): Correction[] {
  const calendar = c.calendar;
  if (!calendar) return [];
  const zone = c.calendarZone;
  const weekly = weeklyGaps(calendar).map((gap) =>
    correction({
      category: 'Outside Business Hours',
      description: `Outside the service hours of ${calendar.name} (${zone}).`,
      start: wallToUtcMs(zone, firstDate(fromYear, gap.day) + gap.startMinute * 60_000) / 1000,
      duration: gap.minutes * 60,
      rrule: `FREQ=WEEKLY;BYDAY=${RRULE_DAY[gap.day]};UNTIL=${untilStamp(zone)}`,
      timezone: zone,
    }),
  );
  // A holiday takes that day's hours out of measured time: one correction per holiday in the file's years.
  const holidays = calendar.holidays
    .filter((h) => Number(h.date.slice(0, 4)) >= fromYear && Number(h.date.slice(0, 4)) <= toYear)
    .flatMap((h) => {
      const day = Date.parse(`${h.date}T00:00:00Z`);
      const weekday = WEEKDAYS[(new Date(day).getUTCDay() + 6) % 7];
      return calendar.slots
        .filter((s) => s.day === weekday)
        .map((slot) =>
          correction({
            category: 'Outside Business Hours',
            description: `Holiday ${h.date}${h.name ? ` ${h.name}` : ''}: no service hours of ${calendar.name}.`,
            start: wallToUtcMs(zone, day + minutesOf(slot.start) * 60_000) / 1000,
            end: wallToUtcMs(zone, day + minutesOf(slot.end) * 60_000) / 1000,
            timezone: zone,
          }),
        );
    });
  return [...weekly, ...holidays];
}

function sloRequest(record: VersionRecord, service: string, c: Commitment): Record<string, unknown> {
  const period = record.derivation.reportingPeriod;
  const tags = `{accord_service:${service},accord_function:${c.fn.id}}`;
  const budget = 100 - c.target.percent;
  const window = c.calendar
    ? `the service hours of ${c.calendar.name}`
    : c.excluded.length > 0
      ? 'every hour outside excluded maintenance'
      : 'every hour';
  return {
    type: 'metric',
    name: `${record.requirements.meta.service}: ${c.fn.name} availability`,
    description:
      `${c.fn.name}: ${percent(c.target.percent)} of ${window} per ${period} (${c.calendarZone}); the SLA allows ` +
      `${c.target.budgets[period].human} of downtime per ${period} of measured time. The corrections below take unmeasured time out.`,
    tags: [
      `service:${service}`,
      `accord_function:${c.fn.id}`,
      `accord_version:${record.version ? record.version.number : 'draft'}`,
    ],
    thresholds: [
      {
        timeframe: TIMEFRAME[period],
        target: c.target.percent,
        warning: Number((c.target.percent + budget / 2).toPrecision(12)),
      },
    ],
    query: {
      numerator: `sum:${DATADOG_CHECKS}${tags}.as_count() - sum:${DATADOG_FAILURES}${tags}.as_count()`,
      denominator: `sum:${DATADOG_CHECKS}${tags}.as_count()`,
    },
  };
}

/**
 * The SLA as Datadog SLOs: per availability commitment a metric SLO request (`POST /api/v1/slo`) with the SLA's
 * target over the Datadog timeframe nearest its reporting period, and SLO correction requests
 * (`POST /api/v1/slo/correction`) that take excluded maintenance ("Scheduled Maintenance") and time outside
 * service hours and on holidays ("Outside Business Hours") out of the SLO. A correction needs the id Datadog gives
 * the SLO, so each is written without `slo_id`; the file says where to set it.
 */
export function renderDatadog(record: VersionRecord, hash: string): string {
  const service = serviceSlug(record);
  const { fromYear, toYear } = exportYears(record);
  const untilStamp = (zone: string): string =>
    new Date(wallToUtcMs(zone, Date.UTC(toYear + 1, 0, 1)) - 1000)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const slos = commitmentsOf(record).map((c) => ({
    key: `${c.fn.id}-availability`,
    slo: sloRequest(record, service, c),
    corrections: [
      ...c.excluded.map((m) => maintenanceCorrection(record, m, fromYear, untilStamp)),
      ...outsideHoursCorrections(record, c, fromYear, toYear, untilStamp),
    ],
  }));
  const file = {
    accord: {
      kind: 'accord.datadog-slos',
      service: record.requirements.meta.service,
      version: record.version ? record.version.number : 'draft',
      hash,
      years: `${fromYear}-${toYear}`,
      apply:
        'For each entry, POST `slo` to /api/v1/slo; then POST each of its `corrections` to /api/v1/slo/correction ' +
        'with data.attributes.slo_id set to the id Datadog returned for that SLO.',
      metrics: `The queries read ${DATADOG_CHECKS} and ${DATADOG_FAILURES}, counts tagged accord_service and accord_function, which the monitoring team provides.`,
      cannotExpress: DATADOG_CANNOT_EXPRESS,
      agreement: agreementNotes(record),
    },
    slos,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
