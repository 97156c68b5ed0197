import type { MaintenanceWindow, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { summariseRecurrence } from '../document/format/calendar-summary.ts';
import { percent } from '../document/format/labels.ts';
import { weekRanges } from '../prometheus/promql-calendar.ts';
import { agreementNotes } from '../operational/agreement-notes.ts';
import { exportYears } from '../operational/export-horizon.ts';
import { commitmentsOf, windowZone, type Commitment } from '../operational/measured-time.ts';
import { serviceSlug } from '../operational/sli-convention.ts';
import { wallToUtcMs } from '../operational/zone-transitions.ts';
import type { VersionRecord } from '../version/version-record.ts';

const DAY_MS = 86_400_000;
/** Zabbix counts schedule seconds from Sunday 00:00. */
const SUNDAY_FIRST: Readonly<Record<Weekday, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
/** Zabbix's reporting periods: 1 weekly, 2 monthly, 3 quarterly (0 daily and 4 annually are not reporting cadences here). */
const PERIOD = { day: 0, week: 1, month: 2, quarter: 3, year: 4 } as const;
/** Names are stored in 255-character columns. */
const NAME_MAX = 255;

export const ZABBIX_CANNOT_EXPRESS =
  'Zabbix excluded downtimes are one-off periods, so recurring maintenance and holidays are listed occurrence by ' +
  'occurrence for the years this file covers; its SLO takes at most four decimals. Recovery objectives, support ' +
  'hours and response targets have no place in a Zabbix SLA and are carried here as text only.';

const clip = (text: string, max = NAME_MAX): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const minutesOf = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

function occurs(window: MaintenanceWindow, wallDay: number): boolean {
  const r = window.recurrence;
  const date = new Date(wallDay);
  if (WEEKDAYS[(date.getUTCDay() + 6) % 7] !== r.day) return false;
  if (r.kind === 'weekly') return true;
  const dom = date.getUTCDate();
  const days = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  return r.week === 'last' ? dom + 7 > days : Math.ceil(dom / 7) === r.week;
}

interface Downtime {
  readonly name: string;
  readonly period_from: number;
  readonly period_to: number;
}

function maintenanceDowntimes(
  record: VersionRecord,
  window: MaintenanceWindow,
  fromYear: number,
  toYear: number,
): Downtime[] {
  const zone = windowZone(record.requirements, window);
  const out: Downtime[] = [];
  for (let day = Date.UTC(fromYear, 0, 1); day < Date.UTC(toYear + 1, 0, 1); day += DAY_MS) {
    if (!occurs(window, day)) continue;
    const start = wallToUtcMs(zone, day + minutesOf(window.recurrence.start) * 60_000);
    out.push({
      name: clip(`${window.name} ${new Date(day).toISOString().slice(0, 10)}`),
      period_from: start / 1000,
      period_to: start / 1000 + window.durationSeconds,
    });
  }
  return out;
}

function holidayDowntimes(c: Commitment, fromYear: number, toYear: number): Downtime[] {
  const calendar = c.calendar;
  if (!calendar) return [];
  return calendar.holidays
    .filter((h) => Number(h.date.slice(0, 4)) >= fromYear && Number(h.date.slice(0, 4)) <= toYear)
    .flatMap((h) => {
      const day = Date.parse(`${h.date}T00:00:00Z`);
      const weekday = WEEKDAYS[(new Date(day).getUTCDay() + 6) % 7];
      return weekRanges(calendar)
        .filter((r) => r.day === weekday)
        .map((r) => ({
          name: clip(`Holiday ${h.date}${h.name ? ` ${h.name}` : ''}`),
          period_from: wallToUtcMs(c.calendarZone, day + r.from * 60_000) / 1000,
          period_to: wallToUtcMs(c.calendarZone, day + r.to * 60_000) / 1000,
        }));
    });
}

function slaObject(
  record: VersionRecord,
  hash: string,
  service: string,
  c: Commitment,
  years: { fromYear: number; toYear: number },
): Record<string, unknown> {
  const { requirements, derivation, version } = record;
  const period = derivation.reportingPeriod;
  const anchor = requirements.meta.validFrom ?? version?.publishedAt.slice(0, 10);
  const slo = Number(c.target.percent.toFixed(4));
  const window = c.calendar
    ? `the service hours of ${c.calendar.name}`
    : c.excluded.length > 0
      ? 'every hour outside excluded maintenance'
      : 'every hour';
  const downtimes = [
    ...c.excluded.flatMap((m) => maintenanceDowntimes(record, m, years.fromYear, years.toYear)),
    ...holidayDowntimes(c, years.fromYear, years.toYear),
  ].sort((a, b) => a.period_from - b.period_from || a.period_to - b.period_to);
  return {
    name: clip(`${requirements.meta.service}: ${c.fn.name} availability`),
    period: PERIOD[period],
    slo,
    ...(anchor ? { effective_date: Date.parse(`${anchor}T00:00:00Z`) / 1000 } : {}),
    timezone: c.calendarZone,
    description: [
      `${c.fn.name}: ${percent(c.target.percent)} of ${window} per ${period} (${c.calendarZone}); the SLA allows ${c.target.budgets[period].human} of downtime per ${period}.` +
        (slo === c.target.percent ? '' : ` Zabbix takes four decimals: the SLO is ${slo}.`),
      `Excluded maintenance: ${c.excluded.map((m) => `${m.name} (${summariseRecurrence(m)})`).join('; ') || 'none'}.`,
      `Written by Accord from ${version ? `version ${version.number}` : 'a draft'} of the SLA (sha256 ${hash}).`,
      ZABBIX_CANNOT_EXPRESS,
      ...agreementNotes(record),
    ].join('\n'),
    service_tags: [{ tag: 'accord', operator: 0, value: `${service}:${c.fn.id}` }],
    schedule: c.calendar
      ? weekRanges(c.calendar)
          .map((r) => ({
            period_from: SUNDAY_FIRST[r.day] * 86_400 + r.from * 60,
            period_to: SUNDAY_FIRST[r.day] * 86_400 + r.to * 60,
          }))
          .sort((a, b) => a.period_from - b.period_from)
      : [],
    excluded_downtimes: downtimes,
  };
}

/**
 * The SLA as one Zabbix JSON-RPC `sla.create` request: per availability commitment an SLA with the target as
 * `slo`, the reporting period, the zone (`status` is left to Zabbix: its meaning of 0 and 1 changed in 7.0), the service-hours calendar as the weekly `schedule` (empty: 24x7), and
 * excluded maintenance and holidays as `excluded_downtimes` over the export's years. The SLA selects the Zabbix
 * services tagged `accord` = `<service>:<function id>`. Send it with an API token in the Authorization header.
 */
export function renderZabbix(record: VersionRecord, hash: string): string {
  const service = serviceSlug(record);
  const years = exportYears(record);
  const request = {
    jsonrpc: '2.0',
    method: 'sla.create',
    params: commitmentsOf(record).map((c) => slaObject(record, hash, service, c, years)),
    id: 1,
  };
  return `${JSON.stringify(request, null, 2)}\n`;
}
