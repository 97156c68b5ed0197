import type { DerivedFunction } from '@accord/core/derive';
import { formatDuration } from '@accord/core/duration';
import { EMPTY_AGREEMENT, type Investment } from '@accord/core/model';
import { cell, type Block, type Cell } from '../document-model.ts';
import { percent } from '../format/labels.ts';
import { partName, type BuildContext, type SectionDraft } from '../section-draft.ts';

/** 18000 → "18 000": thin grouping that reads the same in every locale. */
function grouped(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Expected downtime a year, seconds, at an availability over the function's measured year. */
function expectedDowntime(fn: DerivedFunction, availability: number): number {
  return (1 - availability) * (fn.target?.budgets.year.measuredSeconds ?? 0);
}

/** The availability the dependencies deliver, with failover time charged when the derivation states it. */
function delivered(fn: DerivedFunction): number {
  return (fn.composite.failover?.chargedPercent ?? fn.composite.percent) / 100;
}

/** Recommended options the function does not have in place yet. */
function missingOptions(fn: DerivedFunction): string[] {
  const inPlace = new Set(fn.design.map((p) => p.kind as string));
  return fn.recommendation.design.map((d) => d.option as string).filter((option) => !inPlace.has(option));
}

/**
 * The page a sponsor reads first (SRE workbook appendix A puts status and approvers up front; a business case
 * puts the decision and the money): the decision requested, the conditions before the agreement takes effect,
 * and a cost-benefit comparison of downtime cost now against downtime cost with the recommended investments.
 * Downtime cost = expected downtime a year (1 − availability the dependencies deliver, over the measured year)
 * × the cost of an hour of downtime the workshop recorded.
 */
export function executiveSummary(ctx: BuildContext): SectionDraft {
  const { requirements, derivation, identity } = ctx;
  const agreement = requirements.agreement ?? EMPTY_AGREEMENT;
  const money = (amount: number): string =>
    requirements.meta.currency ? `${requirements.meta.currency} ${grouped(amount)}` : grouped(amount);
  const errors = derivation.counts.error;
  const sponsors = requirements.meta.sponsors.map((s) => s.name).join(', ') || 'the sponsors (none named yet)';
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Decision requested: ${sponsors} approve ${identity.draft ? 'this draft, once published,' : identity.versionLabel.toLowerCase()} of the service level agreement for ${requirements.meta.service}, and the investments below that the recommended design needs.`,
    },
    errors > 0
      ? {
          kind: 'paragraph',
          tone: 'warning',
          text: `Conditions before it takes effect: ${errors} error finding${errors === 1 ? '' : 's'} remain open (see the findings in each section). Either resolve them, or sign with the affected targets phased in once the recommended design is in place.`,
        }
      : {
          kind: 'paragraph',
          tone: 'ok',
          text: 'No error finding is open: the commitments are consistent with the design and the support arrangements.',
        },
  ];
  const costed = derivation.functions.filter(
    (fn) =>
      fn.target && requirements.functions.find((f) => f.id === fn.id)?.availability?.downtimeCostPerHour !== undefined,
  );
  if (costed.length === 0) {
    blocks.push({
      kind: 'paragraph',
      tone: 'warning',
      text: 'No business function records the cost of an hour of downtime, so no cost-benefit comparison can be made.',
    });
    return { id: 'why-summary', title: 'Executive summary', blocks };
  }
  const investmentsFor = (options: readonly string[]): Investment[] =>
    agreement.investments.filter((i) => options.includes(i.option));
  const counted = new Set<Investment>();
  let totalNow = 0;
  let totalWith = 0;
  const rows: Cell[][] = costed.map((fn) => {
    const costPerHour = requirements.functions.find((f) => f.id === fn.id)?.availability?.downtimeCostPerHour ?? 0;
    const now = delivered(fn);
    const after = fn.redundancyNeeded?.reachable ? Math.max(now, fn.redundancyNeeded.resultingAvailability) : now;
    const costNow = (expectedDowntime(fn, now) / 3600) * costPerHour;
    const costWith = (expectedDowntime(fn, after) / 3600) * costPerHour;
    totalNow += costNow;
    totalWith += costWith;
    const options = missingOptions(fn);
    const changes = [
      ...options.map((option) => fn.recommendation.design.find((d) => d.option === option)?.pattern ?? option),
      ...(fn.redundancyNeeded?.reachable
        ? fn.redundancyNeeded.changes.map(
            (c) => `${partName(requirements, c.componentId)} ${c.fromInstances}→${c.toInstances}`,
          )
        : []),
    ];
    // An option's investment counts where the function still needs a change: a missing option, or added
    // redundancy within a recommended option (a second Edge server within redundant transport).
    const investments = changes.length > 0 ? investmentsFor(fn.recommendation.design.map((d) => d.option)) : [];
    for (const i of investments) counted.add(i);
    return [
      cell(fn.name),
      cell(`${formatDuration(expectedDowntime(fn, now))} → ${money(costNow)}`),
      cell(changes.length > 0 ? changes.join('; ') : 'none', changes.length > 0 ? 'warning' : 'ok'),
      cell(`${percent(after * 100, 4)}: ${formatDuration(expectedDowntime(fn, after))} → ${money(costWith)}`),
      cell(
        investments.length > 0
          ? investments
              .map((i) => `${money(i.cost)}${i.yearlyCost > 0 ? ` + ${money(i.yearlyCost)}/year` : ''}`)
              .join('; ')
          : changes.length > 0
            ? 'cost not recorded'
            : '—',
        investments.length === 0 && changes.length > 0 ? 'warning' : undefined,
      ),
    ];
  });
  blocks.push({ kind: 'heading', text: 'Cost-benefit of the recommended design' });
  blocks.push({
    kind: 'paragraph',
    text: 'Expected downtime a year follows from the availability the dependencies deliver (failover time charged where known) over each function\'s measured year; its cost from the recorded cost of an hour of downtime. "With" applies the added redundancy the derivation computes; recommended options whose effect is on recovery rather than on availability leave that figure unchanged.',
  });
  blocks.push({
    kind: 'table',
    columns: [
      { label: 'Business function', width: 2.2 },
      { label: 'Downtime a year now → cost', width: 2.6 },
      { label: 'Recommended change', width: 3 },
      { label: 'With it → cost', width: 2.8 },
      { label: 'Investment', width: 2 },
    ],
    rows,
  });
  const oneOff = [...counted].reduce((sum, i) => sum + i.cost, 0);
  const yearly = [...counted].reduce((sum, i) => sum + i.yearlyCost, 0);
  const saving = totalNow - totalWith;
  blocks.push({
    kind: 'paragraph',
    text:
      `In total: downtime costs about ${money(totalNow)} a year now and ${money(totalWith)} with the recommended changes, a saving of ${money(saving)} a year` +
      (counted.size > 0
        ? ` against ${money(oneOff)} once and ${money(yearly)} a year of recorded investment${saving - yearly > 0 && oneOff > 0 ? ` (paid back in about ${((oneOff / (saving - yearly)) * 12).toFixed(0)} months)` : ''}.`
        : '; no investment cost is recorded for the recommended options yet.'),
  });
  return { id: 'why-summary', title: 'Executive summary', blocks };
}
