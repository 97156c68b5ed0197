import type { DerivedFunction } from '@accord/core/derive';
import { cell, type Block, type Cell } from '../document-model.ts';
import { buildBudgetChart } from '../budget-chart.ts';
import { findingsFor } from '../finding-views.ts';
import { PERIOD_LABEL, PERIOD_ORDER, percent, targetLabel } from '../format/labels.ts';
import { DOWNTIME_DEFINITION } from '../measurement.ts';
import { partName, type BuildContext, type SectionDraft } from '../section-draft.ts';

/** Budget columns widen with the period: a year's budget reads "3d 13h 34m 37s". */
const PERIOD_WIDTH = { day: 1.1, week: 1.5, month: 1.5, quarter: 1.7, year: 2 } as const;

/** Availability commitments: target, measurement window and the downtime budget of every period. */
export function availabilitySection(ctx: BuildContext): SectionDraft {
  const { derivation, requirements } = ctx;
  const committed = derivation.functions.filter((fn) => fn.target !== undefined);
  const blocks: Block[] = [];
  if (committed.length > 0) {
    // The commitment itself, in one sentence, before the numbers that measure it.
    blocks.push({
      kind: 'paragraph',
      text: `The provider commits that each business function in the table below is available for at least its target share of its measured time in every ${derivation.reportingPeriod}, ` +
        `so that its downtime in a ${derivation.reportingPeriod} stays within its budget. Downtime beyond the budget misses the commitment for that ${derivation.reportingPeriod}, and the error budget policy applies.`,
    });
  }
  blocks.push({ kind: 'paragraph', text: derivation.convention });
  if (committed.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No business function has an availability target yet.', tone: 'warning' });
  } else {
    blocks.push({ kind: 'budget-chart', chart: buildBudgetChart(derivation) });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 2.3 }, { label: 'Target', width: 1, align: 'right' }, { label: 'Measured over', width: 2 },
        ...PERIOD_ORDER.map((p) => ({ label: `Per ${PERIOD_LABEL[p].toLowerCase()}`, width: PERIOD_WIDTH[p], align: 'right' as const })),
      ],
      rows: committed.map((fn) => targetRow(fn, ctx)),
    });
    blocks.push({ kind: 'paragraph', text: DOWNTIME_DEFINITION });
    blocks.push({ kind: 'heading', text: 'What the dependencies can deliver' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 3 }, { label: 'Target', width: 1.2, align: 'right' }, { label: 'Dependencies deliver', width: 1.6, align: 'right' },
        { label: 'Weakest link', width: 2.4 }, { label: 'Redundancy needed', width: 3 },
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

function targetRow(fn: DerivedFunction, ctx: BuildContext): Cell[] {
  const target = fn.target;
  if (!target) return [];
  const window = target.window.kind === '24x7'
    ? '24×7'
    : `service hours (${ctx.requirements.calendars.find((c) => c.id === (target.window.kind === 'service-hours' ? target.window.calendarId : ''))?.name ?? 'unknown calendar'})`;
  return [cell(fn.name), cell(targetLabel(target)), cell(window), ...PERIOD_ORDER.map((p) => cell(target.budgets[p].human))];
}

function redundancyText(fn: DerivedFunction, ctx: BuildContext): string {
  const needed = fn.redundancyNeeded;
  if (!needed) return 'none: the design reaches the target';
  if (!needed.reachable) return 'not reachable by adding instances alone';
  return needed.changes
    .map((c) => `${partName(ctx.requirements, c.componentId)}: ${c.fromInstances} → ${c.toInstances} instances`)
    .join('; ') + ` (then ${percent(needed.resultingAvailability * 100, 4)})`;
}
