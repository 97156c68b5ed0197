import type { DerivedFunction } from '@accord/core/derive';
import { formatBudget } from '@accord/core/duration';
import { cell, type Block, type Cell } from '../document-model.ts';
import { buildBudgetChart } from '../budget-chart.ts';
import { findingsFor } from '../finding-views.ts';
import { PERIOD_LABEL, PERIOD_ORDER, percent, targetLabel } from '../format/labels.ts';
import { DOWNTIME_DEFINITION } from '../measurement.ts';
import { partName, type BuildContext, type SectionDraft } from '../section-draft.ts';
import { monthName } from './measurement-section.ts';

/** Budget columns widen with the period: a year's budget reads "3d 13h 34m". */
const PERIOD_WIDTH = { day: 1.1, week: 1.5, month: 1.5, quarter: 1.7, year: 2 } as const;

/** Availability commitments: target, measurement window and the downtime budget of every period. */
export function availabilitySection(ctx: BuildContext): SectionDraft {
  const { derivation, requirements } = ctx;
  const committed = derivation.functions.filter((fn) => fn.target !== undefined);
  const blocks: Block[] = [];
  if (committed.length > 0) blocks.push({ kind: 'paragraph', text: commitmentText(ctx) });
  blocks.push({ kind: 'paragraph', text: derivation.convention });
  if (committed.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No business function has an availability target yet.', tone: 'warning' });
  } else {
    blocks.push({ kind: 'budget-chart', chart: buildBudgetChart(derivation) });
    const tightest = showsTightestMonth(ctx);
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 2.3 },
        { label: 'Target', width: 1, align: 'right' },
        { label: 'Measured over', width: 2 },
        ...PERIOD_ORDER.flatMap((p) => [
          {
            label: p === 'month' ? 'Per month (mean)' : `Per ${PERIOD_LABEL[p].toLowerCase()}`,
            width: PERIOD_WIDTH[p],
            align: 'right' as const,
          },
          ...(p === 'month' && tightest ? [{ label: 'Tightest month', width: 1.9, align: 'right' as const }] : []),
        ]),
      ],
      rows: committed.map((fn) => targetRow(fn, ctx, tightest)),
    });
    blocks.push({ kind: 'paragraph', text: DOWNTIME_DEFINITION });
    blocks.push({ kind: 'heading', text: 'What the dependencies can deliver' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 3 },
        { label: 'Target', width: 1.2, align: 'right' },
        { label: 'Dependencies deliver', width: 1.6, align: 'right' },
        { label: 'Weakest link', width: 2.4 },
        { label: 'Redundancy needed', width: 3 },
      ],
      rows: committed.map((fn): Cell[] => {
        const short = fn.composite.percent < (fn.target?.percent ?? 0);
        return [
          cell(fn.name),
          cell(fn.target ? targetLabel(fn.target) : '—'),
          cell(percent(fn.composite.percent, 4), short ? 'error' : 'ok'),
          cell(fn.composite.weakestLink ? partName(requirements, fn.composite.weakestLink) : '—'),
          cell(redundancyText(fn, ctx)),
        ];
      }),
    });
  }
  const findings = findingsFor(derivation, 'availability');
  if (findings.length > 0) blocks.push({ kind: 'findings', findings });
  return { id: 'sla-availability', title: 'Availability commitments', blocks };
}

/** The tightest real month is shown where months are what the commitment is judged by. */
function showsTightestMonth(ctx: BuildContext): boolean {
  return (
    ctx.derivation.reportingPeriod === 'month' &&
    ctx.derivation.functions.some((fn) => fn.target?.shortestMonth !== undefined)
  );
}

/**
 * The commitment in one paragraph, worded for how budgets are shown: whole minutes, and a month's budget that
 * follows that month's measured time, given for the mean month and for the tightest month ahead.
 */
function commitmentText(ctx: BuildContext): string {
  const period = ctx.derivation.reportingPeriod;
  const judged =
    `The provider commits that in every calendar ${period} each business function in the table below is down for no longer than its budget for that ${period}: ` +
    `(1 − target) × the ${period}'s measured time, counted in whole minutes as the measurement counts downtime.`;
  const shown = showsTightestMonth(ctx)
    ? ' Months differ in length, holidays and maintenance, so the budget differs from month to month: the table gives it for the mean month and for the tightest month of the twelve ahead; How availability is measured gives the exact figures.'
    : ` The table gives the budget of the mean ${period}; a ${period} with less measured time allows proportionally less.`;
  return `${judged}${shown} Downtime beyond the budget misses the commitment for that ${period}, and the error budget policy applies.`;
}

function targetRow(fn: DerivedFunction, ctx: BuildContext, tightest: boolean): Cell[] {
  const target = fn.target;
  if (!target) return [];
  const window =
    target.window.kind === '24x7'
      ? '24×7'
      : `service hours (${ctx.requirements.calendars.find((c) => c.id === (target.window.kind === 'service-hours' ? target.window.calendarId : ''))?.name ?? 'unknown calendar'})`;
  const month = target.shortestMonth;
  return [
    cell(fn.name),
    cell(targetLabel(target)),
    cell(window),
    ...PERIOD_ORDER.flatMap((p) => [
      cell(formatBudget(target.budgets[p].seconds)),
      ...(p === 'month' && tightest
        ? [cell(month ? `${formatBudget(month.allowedSeconds)} (${monthName(month.month)})` : '—')]
        : []),
    ]),
  ];
}

function redundancyText(fn: DerivedFunction, ctx: BuildContext): string {
  const needed = fn.redundancyNeeded;
  if (!needed) return 'none: the design reaches the target';
  if (!needed.reachable) return 'not reachable by adding instances alone';
  return (
    needed.changes
      .map((c) => `${partName(ctx.requirements, c.componentId)}: ${c.fromInstances} → ${c.toInstances} instances`)
      .join('; ') + ` (then ${percent(needed.resultingAvailability * 100, 4)})`
  );
}
