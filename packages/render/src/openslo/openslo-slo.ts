import type { SlaDerivation } from '@accord/core/derive';
import { formatDuration } from '@accord/core/duration';
import { datePart } from '../document/format/dates.ts';
import { scenarioLabel, targetLabel } from '../document/format/labels.ts';
import { MEAN_PERIOD_SECONDS, TIME_SLICE_TARGET, TIME_SLICE_WINDOW } from '../document/measurement.ts';
import { toOpenSloDisplayName, toOpenSloName } from '../text/openslo-name.ts';
import type { VersionRecord } from '../version/version-record.ts';
import {
  annotate,
  budgetText,
  calendarText,
  findingsText,
  holidaysText,
  maintenanceText,
} from './openslo-annotations.ts';
import { calendarStart, PERIOD_DURATION } from './openslo-window.ts';

type DerivedFunction = SlaDerivation['functions'][number];

/** OpenSLO limits descriptions to 1050 characters. */
export const DESCRIPTION_MAX = 1050;

export function clip(text: string, max = DESCRIPTION_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * An availability percentage as OpenSLO's `target` in [0, 1): 99.9 → 0.999, without the floating-point tail
 * that plain division leaves (0.9990000000000001).
 */
export function targetRatio(targetPercent: number): number {
  const exact = targetPercent / 100;
  const tidy = Number(exact.toPrecision(12));
  // OpenSLO requires target < 1: 99.99999999999 % must not round to 1 (it would mean no downtime at all).
  if (tidy < 1) return tidy;
  return exact < 1 ? exact : 1 - Number.EPSILON / 2;
}

/** The data source the monitoring team defines; Accord names it, it cannot know its connection. */
export function checksSourceName(record: VersionRecord): string {
  const service = toOpenSloName(record.requirements.meta.service);
  // Cut a long service name at a word, so the name stays readable within RFC 1123's 63 characters.
  const stem =
    service.length <= 56
      ? service
      : service.slice(0, service.lastIndexOf('-', 56) > 0 ? service.lastIndexOf('-', 56) : 56);
  return toOpenSloName(`${stem}-checks`);
}

/**
 * One SLO per availability commitment: the SLA's target as `target`, a calendar-aligned window of the reporting
 * period in the workshop's zone, and Timeslices budgeting with the slices the SLA defines downtime by.
 * What OpenSLO cannot say (service hours, holidays, maintenance, RPO/RTO) goes to `accord.dev/` annotations.
 */
export function sloDocument(
  record: VersionRecord,
  hash: string,
  serviceName: string,
  fn: DerivedFunction,
): Record<string, unknown> | undefined {
  const target = fn.target;
  if (!target) return undefined;
  const { requirements, derivation, version } = record;
  const zone = requirements.meta.timeZone;
  const period = derivation.reportingPeriod;
  const anchor = requirements.meta.validFrom ?? (version ? datePart(version.publishedAt) : undefined) ?? '2026-01-01';
  const serviceHours = target.window.kind === 'service-hours' ? target.window.calendarId : undefined;
  const calendar = requirements.calendars.find((c) => c.id === serviceHours);
  const windowText = calendar
    ? `the service hours of the ${calendar.name} calendar`
    : serviceHours
      ? 'service hours'
      : '24x7';
  const checks = checksSourceName(record);
  const metric = (outcome: 'success' | undefined): Record<string, unknown> => ({
    metricSource: { metricSourceRef: checks, spec: outcome ? { check: fn.id, outcome } : { check: fn.id } },
  });
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: toOpenSloName(`${fn.id}-availability`),
      displayName: toOpenSloDisplayName(fn.name, ': availability'),
      annotations: annotate([
        ['display-name', `${fn.name}: availability`],
        ['version', version ? String(version.number) : 'draft'],
        ['version-hash', hash],
        ['function-id', fn.id],
        ['target-percent', String(target.percent)],
        [
          'tolerated-downtime',
          target.toleratedDowntime
            ? `${target.toleratedDowntime.human} per ${target.toleratedDowntime.per} (the target is derived from it)`
            : undefined,
        ],
        ['measurement-window', windowText],
        ['service-hours', serviceHours ? calendarText(requirements, serviceHours) : undefined],
        ['holidays', serviceHours ? holidaysText(requirements, serviceHours) : undefined],
        ['maintenance-excluded', maintenanceText(requirements, fn.id, false)],
        ['maintenance-counted', maintenanceText(requirements, fn.id, true)],
        ['downtime-budget', budgetText(fn)],
        ...fn.recovery.flatMap((r): [string, string][] => [
          [`rpo-${r.scenario}`, r.rpoHuman],
          [`rto-${r.scenario}`, r.rtoHuman],
        ]),
        ['findings', findingsText(derivation, fn.id)],
      ]),
    },
    spec: {
      description: clip(
        `${fn.name}: ${targetLabel(target)} of ${windowText === '24x7' ? 'every hour' : windowText} per ${period} (${zone}). ` +
          toolCaveat(target, period) +
          `Recovery: ${fn.recovery.map((r) => `${scenarioLabel(r.scenario)} RPO ${r.rpoHuman}, RTO ${r.rtoHuman}`).join('; ') || 'none agreed'}. ` +
          'Service hours, holidays, maintenance and recovery objectives are in the accord.dev/ annotations: OpenSLO cannot express them.',
      ),
      service: serviceName,
      indicator: {
        metadata: {
          name: toOpenSloName(`${fn.id}-checks`),
          displayName: toOpenSloDisplayName(fn.name, ': availability checks'),
        },
        spec: {
          description: clip(`Share of the availability checks of ${fn.name} that succeed.`),
          ratioMetric: { counter: true, good: metric('success'), total: metric(undefined) },
        },
      },
      timeWindow: [
        {
          duration: PERIOD_DURATION[period],
          isRolling: false,
          calendar: { startTime: calendarStart(period, anchor), timeZone: zone },
        },
      ],
      budgetingMethod: 'Timeslices',
      objectives: [
        {
          displayName: `SLA target ${targetLabel(target)}`,
          target: targetRatio(target.percent),
          timeSliceTarget: TIME_SLICE_TARGET,
          timeSliceWindow: TIME_SLICE_WINDOW,
        },
      ],
    },
  };
}

/**
 * When the agreement measures less than the whole period (service hours, excluded maintenance), a tool that
 * reads only `target` applies it to every minute and gets a different budget: say both, so nobody mistakes
 * the tool's figure for the agreement's.
 */
function toolCaveat(target: NonNullable<DerivedFunction['target']>, period: SlaDerivation['reportingPeriod']): string {
  const budget = target.budgets[period];
  const whole = MEAN_PERIOD_SECONDS[period];
  if (Math.abs(budget.measuredSeconds - whole) < 1) return '';
  const excluded =
    target.window.kind === '24x7'
      ? `Excluded maintenance takes ${formatDuration(whole - budget.measuredSeconds)} a ${period} out of measured time: a tool must skip it (for example with a recurring SLO correction), or it counts as downtime. `
      : '';
  return `The agreement allows ${budget.human} of downtime per ${period} of measured time; applied to every minute, the target allows ${formatDuration((1 - target.percent / 100) * whole)}. ${excluded}`;
}
