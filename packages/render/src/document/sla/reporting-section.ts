import type { DerivedFunction } from '@accord/core/derive';
import { formatBudget } from '@accord/core/duration';
import { cell, type Block, type Cell } from '../document-model.ts';
import { PERIOD_LABEL, targetPercentText } from '../format/labels.ts';
import { MEAN_PERIOD_SECONDS, OPENSLO_NOTE, OPENSLO_TOOL_CAVEAT } from '../measurement.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** Reporting and review cadence, the machine-readable objectives, and the caveats of the numbers. */
export function reportingSection(ctx: BuildContext): SectionDraft {
  const { meta } = ctx.requirements;
  const comparison = toolComparison(ctx);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `The provider reports availability, downtime against each budget, incidents by severity and response and resolution times ${meta.reportingCadence}. The parties review this agreement every ${meta.reviewEveryMonths} months, and whenever a finding marked as an error is resolved or the service changes.`,
    },
    { kind: 'heading', text: 'Machine-readable objectives (OpenSLO)' },
    { kind: 'paragraph', text: OPENSLO_NOTE },
    ...(comparison ? [{ kind: 'paragraph', text: OPENSLO_TOOL_CAVEAT } as const, comparison] : []),
    { kind: 'heading', text: 'Clarifications and caveats' },
    {
      kind: 'list',
      items: [
        'Budgets use mean period lengths; a calendar month of 28 or 31 days measures slightly less or more time than the mean month.',
        'Service-hours budgets count only service hours: an outage at night on a business-hours function uses no budget.',
        'Composite availability assumes the components fail independently; shared causes (power, storage, people) make real availability lower.',
      ],
    },
  ];
  return { id: 'sla-reporting', title: 'Reporting and review', blocks };
}

/**
 * Per reporting period, the downtime a tool measuring every minute would allow next to what this agreement
 * allows, for each function whose measured time is less than the whole period. Undefined when none is.
 */
function toolComparison(ctx: BuildContext): Block | undefined {
  const period = ctx.derivation.reportingPeriod;
  const whole = MEAN_PERIOD_SECONDS[period];
  const differing = ctx.derivation.functions.filter(
    (fn): fn is DerivedFunction & { target: NonNullable<DerivedFunction['target']> } =>
      fn.target !== undefined && Math.abs(fn.target.budgets[period].measuredSeconds - whole) >= 1,
  );
  if (differing.length === 0) return undefined;
  const per = PERIOD_LABEL[period].toLowerCase();
  return {
    kind: 'table',
    columns: [
      { label: 'Business function', width: 2.6 },
      { label: 'Target', width: 1, align: 'right' },
      { label: `Measured time per ${per}`, width: 1.8, align: 'right' },
      { label: `This agreement allows per ${per}`, width: 1.9, align: 'right' },
      { label: `A tool counting every minute allows per ${per}`, width: 2.2, align: 'right' },
    ],
    rows: differing.map((fn): Cell[] => {
      const budget = fn.target.budgets[period];
      return [
        cell(fn.name),
        cell(targetPercentText(fn.target)),
        cell(`${hours(budget.measuredSeconds)} of ${hours(whole)}`),
        cell(formatBudget(budget.seconds)),
        cell(formatBudget((1 - fn.target.percent / 100) * whole)),
      ];
    }),
  };
}

/** 921195 → "255.9 h": measured time reads better in hours than in days of round-the-clock time. */
function hours(seconds: number): string {
  return `${(seconds / 3600).toFixed(1)} h`;
}
