import { formatDuration } from '@accord/core/duration';
import { cell, type Block } from '../document-model.ts';
import { percent } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { notAgreed } from './agreement-text.ts';

/** "February 2027" from "2027-02". */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1),
  );
}

/** Whole slices of a budget: downtime measured in one-minute slices can only be spent a minute at a time. */
function wholeSlices(seconds: number, sliceSeconds: number): string {
  const slices = Math.floor(seconds / sliceSeconds);
  return sliceSeconds === 60 ? `${slices} min` : `${slices} × ${formatDuration(sliceSeconds)}`;
}

/**
 * How availability is measured (FitSM: service level targets need a measurement method): the probe per
 * function, where it runs, what counts as a partial outage; the mean month beside the shortest real month of
 * the year ahead, in the whole slices the probe measures; and the failover time the composite leaves out.
 */
export function measurementSection(ctx: BuildContext): SectionDraft {
  const committed = ctx.derivation.functions.filter((fn) => fn.target !== undefined);
  const blocks: Block[] = [];
  if (committed.length === 0)
    return {
      id: 'sla-measurement',
      title: 'How availability is measured',
      blocks: [notAgreed('availability targets to measure')],
    };
  const unmeasured = committed.filter((fn) => !fn.target?.measurement?.probe);
  blocks.push({
    kind: 'table',
    columns: [
      { label: 'Business function', width: 2.2 },
      { label: 'Probe', width: 3 },
      { label: 'Runs from', width: 2.2 },
      { label: 'Slice', width: 0.9, align: 'right' },
      { label: 'Partial outage', width: 3 },
    ],
    rows: committed.map((fn) => {
      const m = fn.target?.measurement;
      return [
        cell(fn.name),
        cell(m?.probe || 'not agreed', m?.probe ? undefined : 'warning'),
        cell(m?.from || 'not agreed', m?.from ? undefined : 'warning'),
        cell(formatDuration(m?.sliceSeconds ?? 60)),
        cell(m?.partial || 'not agreed', m?.partial ? undefined : 'warning'),
      ];
    }),
  });
  if (unmeasured.length > 0)
    blocks.push(
      notAgreed(`how ${unmeasured.map((fn) => fn.name).join(', ')} ${unmeasured.length === 1 ? 'is' : 'are'} probed`),
    );
  const withMonth = committed.filter((fn) => fn.target?.shortestMonth !== undefined);
  blocks.push({ kind: 'heading', text: 'Mean month and the shortest real month' });
  if (withMonth.length === 0) {
    blocks.push(
      notAgreed('the date the agreement takes effect, from which the real months of the year ahead are counted'),
    );
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'Budgets elsewhere use the mean month (a twelfth of 365.2425 days). A commitment that holds in every month must hold in the shortest real month too: the table gives, for the twelve months from the start of the agreement, the month whose measured time (after holidays and excluded maintenance) allows least, in exact time and in the whole slices the probe can count.',
    });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 2.4 },
        { label: 'Mean month', width: 1.5, align: 'right' },
        { label: 'Shortest month', width: 1.8 },
        { label: 'Its budget', width: 1.5, align: 'right' },
        { label: 'In whole slices', width: 1.5, align: 'right' },
      ],
      rows: withMonth.map((fn) => {
        const target = fn.target!;
        const month = target.shortestMonth!;
        const slice = target.measurement?.sliceSeconds ?? 60;
        return [
          cell(fn.name),
          cell(`${target.budgets.month.human} (${wholeSlices(target.budgets.month.seconds, slice)})`),
          cell(`${monthName(month.month)}: ${Math.round(month.measuredSeconds / 3600)} h measured`),
          cell(month.human),
          cell(wholeSlices(month.allowedSeconds, slice)),
        ];
      }),
    });
  }
  const failovers = committed.filter((fn) => fn.composite.failover !== undefined);
  if (failovers.length > 0) {
    blocks.push({ kind: 'heading', text: 'Failover time beside the composite availability' });
    blocks.push({
      kind: 'list',
      items: failovers.map((fn) => {
        const f = fn.composite.failover!;
        return `${fn.name}: the dependencies deliver ${percent(fn.composite.percent, 4)} if failover took no time; about ${f.failoversPerYear.toFixed(1)} automatic failovers a year of ${formatDuration(f.secondsEach)} each (clients reconnect on top) bring it to ${percent(f.chargedPercent, 4)}.`;
      }),
    });
  }
  return { id: 'sla-measurement', title: 'How availability is measured', blocks };
}
