import { Document, isMap, isSeq } from 'yaml';
import { percent } from '../document/format/labels.ts';
import { exportYears } from '../operational/export-horizon.ts';
import { commitmentsOf, errorBudgetRatio, windowZone, type Commitment } from '../operational/measured-time.ts';
import {
  CHECKS_METRIC,
  checkSelector,
  FAILURES_METRIC,
  FUNCTION_LABEL,
  pascalName,
  SERVICE_LABEL,
  serviceSlug,
  templateSafe,
} from '../operational/sli-convention.ts';
import type { VersionRecord } from '../version/version-record.ts';
import { burnConditions, RATIO_WINDOWS, type BurnCondition } from './burn-rate.ts';
import { rulesFileHeader } from './rules-header.ts';
import { calendarGateExpr, maintenanceGateExpr, zoneOffsets, zoneRules } from './promql-calendar.ts';

/** 1 in the commitment's measured time, 0 outside: `accord:measured_time{accord_service, accord_function}`. */
export const MEASURED_RECORD = 'accord:measured_time';
export const FAILURES_RATE = 'accord:availability_check_failures:gated_rate5m';
export const CHECKS_RATE = 'accord:availability_checks:gated_rate5m';
export const RATIO_RECORD = 'accord:availability_error_ratio:rate';

type Rule = Record<string, unknown>;

/** The commitment's measured time: its calendar (or always), less excluded maintenance. */
function measuredExpr(record: VersionRecord, c: Commitment): string {
  const hours = c.calendar ? calendarGateExpr(c.calendar, c.calendarZone) : 'vector(1)';
  if (c.excluded.length === 0) return hours;
  // Windows may be in different zones: their terms are joined on no labels, and overlapping windows count once.
  const maintenance = c.excluded
    .map((m) => maintenanceGateExpr(m, windowZone(record.requirements, m)))
    .join('\n  + on() ');
  return `${hours}\n* on() (\n  1 - ((\n  ${maintenance}\n  ) > bool 0)\n)`;
}

function sliRules(service: string, c: Commitment): Rule[] {
  const sel = checkSelector(service, c.fn.id);
  const labels = { [SERVICE_LABEL]: service, [FUNCTION_LABEL]: c.fn.id };
  const gate = `${MEASURED_RECORD}${sel}`;
  const ratio = (window: string): string =>
    window === '5m'
      ? `${FAILURES_RATE}${sel}\n/\n${CHECKS_RATE}${sel}`
      : `sum_over_time(${FAILURES_RATE}${sel}[${window}])\n/\nsum_over_time(${CHECKS_RATE}${sel}[${window}])`;
  return [
    // A healthy service may not have exported a failure yet: count that as no failures, not as no data.
    { record: FAILURES_RATE, expr: `(sum(rate(${FAILURES_METRIC}${sel}[5m])) or vector(0))\n* on() ${gate}`, labels },
    { record: CHECKS_RATE, expr: `sum(rate(${CHECKS_METRIC}${sel}[5m]))\n* on() ${gate}`, labels },
    ...RATIO_WINDOWS.map((window) => ({ record: `${RATIO_RECORD}${window}`, expr: ratio(window), labels })),
  ];
}

function threshold(condition: BurnCondition, budget: number): string {
  return `(${condition.burn} * ${budget})`;
}

function alertRule(record: VersionRecord, service: string, c: Commitment, severity: 'page' | 'ticket'): Rule {
  const sel = checkSelector(service, c.fn.id);
  const budget = errorBudgetRatio(c.target.percent);
  const period = record.derivation.reportingPeriod;
  const conditions = burnConditions(c, period).filter((b) => b.severity === severity);
  const burning = conditions
    .map(
      (b) =>
        `(\n    ${RATIO_RECORD}${b.long}${sel} > ${threshold(b, budget)}\n    and\n    ${RATIO_RECORD}${b.short}${sel} > ${threshold(b, budget)}\n  )`,
    )
    .join('\n  or\n  ');
  const spends = conditions.map((b) => `${b.budgetShare * 100} % in ${b.long}`).join(' or ');
  const window = c.calendar
    ? `the service hours of ${c.calendar.name}`
    : c.excluded.length > 0
      ? 'every hour outside excluded maintenance'
      : 'every hour';
  return {
    alert: `${pascalName(c.fn.id)}AvailabilityBudgetBurn`,
    expr: `(\n  ${burning}\n)\nand on(${SERVICE_LABEL}, ${FUNCTION_LABEL}) (${MEASURED_RECORD}${sel} == 1)`,
    labels: { severity, accord_slo: `${c.fn.id}-availability` },
    annotations: {
      summary: templateSafe(
        `${c.fn.name}: the error budget is burning at a rate that spends ${spends} of the ${period}'s budget.`,
      ),
      description: templateSafe(
        `${c.fn.name} is agreed at ${percent(c.target.percent)} of ${window} (${c.calendarZone}), ` +
          `a budget of ${c.target.budgets[period].human} per ${period}. This alert fires only in measured time.`,
      ),
    },
  };
}

/**
 * The SLA's availability commitments as a Prometheus rule file: per function, its measured time as a 0/1 series
 * (service hours in their zone, holidays and excluded maintenance taken out), check rates gated to it, error
 * ratios over the standard windows, and the SRE workbook's multi-window multi-burn-rate page and ticket alerts,
 * scaled to the budget of the SLA's reporting period. Participant text only reaches YAML comments and alert
 * annotations (template-escaped); queries are built from identifiers.
 */
export function renderPrometheusRules(record: VersionRecord, hash: string): string {
  const service = serviceSlug(record);
  const commitments = commitmentsOf(record);
  const { fromYear, toYear } = exportYears(record);
  const zones = [
    ...new Set(
      commitments.flatMap((c) => [
        ...(c.calendar ? [c.calendarZone] : []),
        ...c.excluded.map((m) => windowZone(record.requirements, m)),
      ]),
    ),
  ].sort();
  const offsets = zones.map((zone) => zoneOffsets(zone, fromYear, toYear));
  const calendarRules: Rule[] = [
    ...offsets.flatMap((o) => zoneRules(o)),
    ...commitments.map((c) => ({
      record: MEASURED_RECORD,
      expr: measuredExpr(record, c),
      labels: { [SERVICE_LABEL]: service, [FUNCTION_LABEL]: c.fn.id },
    })),
  ];
  // No anchors or aliases: every rule reads on its own.
  const doc = new Document(
    {
      groups: [
        { name: `${service}-accord-measured-time`, interval: '1m', rules: calendarRules },
        { name: `${service}-accord-sli`, interval: '1m', rules: commitments.flatMap((c) => sliRules(service, c)) },
        {
          name: `${service}-accord-alerts`,
          interval: '1m',
          rules: commitments.flatMap((c) => [
            alertRule(record, service, c, 'page'),
            alertRule(record, service, c, 'ticket'),
          ]),
        },
      ],
    },
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore = rulesFileHeader(record, hash, offsets, { fromYear, toYear });
  const rules = doc.getIn(['groups', 0, 'rules'], true);
  if (isSeq(rules)) {
    offsets.forEach((o, index) => {
      const node = rules.items[index * 3];
      const changes = o.transitions.map(
        (t) => `${new Date(t.atUtcMs).toISOString().slice(0, 16)}Z to UTC${signed(t.toSeconds)}`,
      );
      if (isMap(node))
        node.commentBefore =
          ` Local time in ${o.zone}: UTC${signed(o.initialSeconds)} on ${fromYear}-01-01` +
          `${changes.length > 0 ? `, then ${changes.join(', ')}` : ', no clock changes'}; exact until ${toYear}-12-31.`;
    });
  }
  return doc.toString({ lineWidth: 0 });
}

function signed(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60) % 60;
  return `${sign}${Math.floor(abs / 3600)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}
