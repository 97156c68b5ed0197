import type { DerivedFunction } from '@accord/core/derive';
import type { BusinessFunction } from '@accord/core/model';
import { formatBudget, formatDuration } from '@accord/core/duration';
import { cell, type Block } from '../document-model.ts';
import { findingPointers } from '../finding-views.ts';
import { PERIOD_ORDER, percent, targetLabel, words } from '../format/labels.ts';
import { partName, type BuildContext, type SectionDraft } from '../section-draft.ts';
import { deliberationBlocks, provenanceRows, under } from './deliberation-blocks.ts';
import { scenarioBlocks } from './scenario-justification.ts';

/**
 * Why one business function's commitments are what they are: who asked and why, the alternatives and the
 * decision, what the numbers imply, the design and why cheaper ones fail, findings, residual risks.
 */
export function functionJustification(ctx: BuildContext, fn: BusinessFunction, derived: DerivedFunction): SectionDraft {
  const { requirements, derivation } = ctx;
  const base = `/functions/${fn.id}`;
  const subsections: SectionDraft[] = [];
  if (fn.availability && derived.target) {
    subsections.push({
      id: `why-${fn.id}-availability`,
      title: 'Availability target',
      blocks: [
        {
          kind: 'facts',
          rows: [
            [
              'Target',
              `${targetLabel(derived.target)} of ${fn.availability.window.kind === '24x7' ? 'every hour (24×7)' : 'service hours'}`,
            ],
            ...provenanceRows(fn.availability.provenance),
          ],
        },
        ...deliberationBlocks(requirements, under(`${base}/availability`), false, derivation),
        ...alternativeTargetImplications(requirements, fn, derived),
        { kind: 'paragraph', text: 'What it implies:' },
        { kind: 'list', items: availabilityImplications(ctx, fn, derived) },
      ],
    });
  }
  if (derived.recovery.length > 0) {
    subsections.push({
      id: `why-${fn.id}-recovery`,
      title: 'Recovery objectives and design',
      blocks: [
        { kind: 'paragraph', text: `Recommended design: ${derived.recommendation.summary}.` },
        ...derived.recommendation.perScenario.flatMap((plan) => scenarioBlocks(ctx, fn, plan)),
        ...derived.recommendation.statelessRoles.map((role): Block => ({
          kind: 'paragraph',
          text: `${role.name}: ${role.advice}.`,
        })),
      ],
    });
  }
  const other = deliberationBlocks(
    requirements,
    (field) => under(base)(field) && !under(`${base}/availability`)(field) && !under(`${base}/recovery`)(field),
    true,
    derivation,
  );
  if (other.length > 0) subsections.push({ id: `why-${fn.id}-other`, title: 'Other decisions', blocks: other });
  const findings = derivation.findings.filter((f) => f.functionId === fn.id);
  subsections.push({
    id: `why-${fn.id}-findings`,
    title: 'Findings',
    blocks:
      findings.length > 0
        ? [
            {
              kind: 'paragraph',
              text: 'Each is stated with its fix in the agreement, beside the commitment it concerns:',
            },
            findingPointers(findings, derivation, ctx.slaNumbers),
          ]
        : [{ kind: 'paragraph', text: 'No findings for this function.', tone: 'ok' }],
  });
  const risks = requirements.risks.filter((r) => r.functionIds.includes(fn.id));
  subsections.push({
    id: `why-${fn.id}-risks`,
    title: 'Residual risks and mitigations',
    blocks:
      risks.length > 0 ? [riskTable(risks)] : [{ kind: 'paragraph', text: 'No risks recorded for this function.' }],
  });
  const intro: Block[] = [
    {
      kind: 'paragraph',
      text: [fn.description, fn.users ? `Users: ${fn.users}.` : '', `Tier: ${words(fn.tier)}.`]
        .filter((s) => s !== '')
        .join(' '),
    },
  ];
  return { id: `why-${fn.id}`, title: fn.name, blocks: intro, subsections };
}

/**
 * What each proposed alternative target would mean, so a sponsor voting on it sees the budget it leaves:
 * the same measured time, the other percentage, and whether counted maintenance alone would overspend it.
 */
function alternativeTargetImplications(
  requirements: BuildContext['requirements'],
  fn: BusinessFunction,
  derived: DerivedFunction,
): Block[] {
  const target = derived.target;
  if (!target) return [];
  const month = target.budgets.month;
  const items = requirements.proposals
    .filter(
      (p) =>
        p.field === `/functions/${fn.id}/availability/targetPercent` &&
        typeof p.value === 'number' &&
        p.value > 0 &&
        p.value < 100,
    )
    .map((p) => {
      const percentValue = p.value as number;
      const allowed = (1 - percentValue / 100) * month.measuredSeconds;
      const maintenance = month.countedMaintenanceSeconds;
      return (
        `${percent(percentValue)} would allow ${formatBudget(allowed)} of downtime a month instead of ${formatBudget(month.seconds)}` +
        (maintenance > 0
          ? maintenance > allowed
            ? `; counted maintenance (${formatDuration(maintenance)} a month) alone would overspend it.`
            : `, ${formatDuration(allowed - maintenance)} of it left after counted maintenance.`
          : '.')
      );
    });
  return items.length > 0
    ? [
        { kind: 'paragraph', text: 'What the alternatives would mean:' },
        { kind: 'list', items },
      ]
    : [];
}

function availabilityImplications(ctx: BuildContext, fn: BusinessFunction, derived: DerivedFunction): string[] {
  const target = derived.target;
  if (!target) return [];
  const items = [
    `Allowed downtime, in whole minutes: ${PERIOD_ORDER.map((p) => `${formatBudget(target.budgets[p].seconds)} a ${p}`).join(', ')}.`,
    `The dependencies deliver ${percent(derived.composite.percent, 4)}${derived.composite.weakestLink ? `; the weakest link is ${partName(ctx.requirements, derived.composite.weakestLink)}` : ''}: ` +
      (derived.composite.percent >= target.percent ? 'enough for the target.' : 'short of the target.'),
  ];
  const cost = fn.availability?.downtimeCostPerHour;
  if (cost !== undefined) {
    // Without a recorded currency the amount stands alone: say so rather than guess one.
    const currency = ctx.requirements.meta.currency;
    const money = (amount: number): string => (currency ? `${currency} ${groupDigits(amount)}` : groupDigits(amount));
    const costOf = (period: 'month' | 'year'): string =>
      money(Math.round((cost * target.budgets[period].seconds) / 3600));
    items.push(
      `Downtime costs ${money(cost)} an hour${currency ? '' : ' (the amount recorded in the requirements, which name no currency)'}: ` +
        `spending the whole monthly budget of ${formatBudget(target.budgets.month.seconds)} costs about ${costOf('month')}, the whole yearly budget of ${formatBudget(target.budgets.year.seconds)} about ${costOf('year')}.`,
    );
  }
  const needed = derived.redundancyNeeded;
  if (needed) {
    items.push(
      needed.reachable
        ? `Reaching the target needs ${needed.changes.map((c) => `${partName(ctx.requirements, c.componentId)} at ${c.toInstances} instances`).join(', ')}.`
        : 'Adding instances alone cannot reach the target: the design itself has to change.',
    );
  }
  const counted = target.budgets.month.countedMaintenanceSeconds;
  if (counted > 0) items.push(`Counted maintenance uses ${formatDuration(counted)} of the monthly budget.`);
  return items;
}

/** Residual risks as a table: threat, likelihood, impact, mitigation, owner. */
export function riskTable(
  risks: readonly { threat: string; likelihood: string; impact: string; mitigation: string; owner: string }[],
): Block {
  return {
    kind: 'table',
    columns: [
      { label: 'Threat', width: 3 },
      { label: 'Likelihood', width: 1.4 },
      { label: 'Impact', width: 1.3 },
      { label: 'Mitigation', width: 3.6 },
      { label: 'Owner', width: 1.8 },
    ],
    rows: risks.map((r) => [
      cell(r.threat),
      cell(words(r.likelihood)),
      cell(words(r.impact)),
      cell(r.mitigation || 'none', r.mitigation ? undefined : 'warning'),
      cell(r.owner || '—'),
    ]),
  };
}

/** 18000 → "18 000": thin grouping that reads the same in every locale. */
function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
