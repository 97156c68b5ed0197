import type { DerivedFunction } from '@accord/core/derive';
import type { BusinessFunction } from '@accord/core/model';
import { formatDuration } from '@accord/core/duration';
import { cell, type Block } from '../document-model.ts';
import { scenarioLabel } from '../format/labels.ts';
import type { BuildContext } from '../section-draft.ts';
import { deliberationBlocks, provenanceRows, under } from './deliberation-blocks.ts';

type ScenarioPlan = DerivedFunction['recommendation']['perScenario'][number];

const seconds = (value: number | undefined): string => (value === undefined ? 'unknown' : formatDuration(value));

/** One failure scenario: the objective and who asked for it, the option chosen, and why each cheaper one fails. */
export function scenarioBlocks(ctx: BuildContext, fn: BusinessFunction, plan: ScenarioPlan): Block[] {
  const objective = fn.recovery[plan.scenario];
  const blocks: Block[] = [
    {
      kind: 'heading',
      text: `${scenarioLabel(plan.scenario)}: RPO ${formatDuration(plan.objective.rpoSeconds)}, RTO ${formatDuration(plan.objective.rtoSeconds)}`,
    },
  ];
  if (objective) blocks.push({ kind: 'facts', rows: provenanceRows(objective.provenance) });
  blocks.push(
    ...deliberationBlocks(
      ctx.requirements,
      under(`/functions/${fn.id}/recovery/${plan.scenario}`),
      false,
      ctx.derivation,
    ),
  );
  const chosen = plan.chosen;
  blocks.push(
    chosen
      ? {
          kind: 'paragraph',
          text:
            `Least costly option that meets it: ${optionName(chosen)}. ${dataLoss(chosen.rpoSeconds)}, and it is back within ${seconds(chosen.rtoSeconds)}.` +
            (chosen.conditions.length > 0 ? ` Condition: ${chosen.conditions.join('; ')}.` : ''),
          tone: 'ok',
        }
      : {
          kind: 'paragraph',
          text: 'No option on the ladder meets this objective: relax the objective or plan a design beyond it.',
          tone: 'error',
        },
  );
  if (plan.rejected.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [
        { label: chosen ? 'Cheaper option' : 'Option', width: 3 },
        { label: 'RPO / RTO it gives', width: 1.8 },
        { label: 'Why it falls short', width: 5 },
      ],
      rows: plan.rejected.map((option) => [
        cell(optionName(option)),
        cell(`${seconds(option.rpoSeconds)} / ${seconds(option.rtoSeconds)}`),
        cell(option.reasons.join('; '), 'warning'),
      ]),
    });
  }
  return blocks;
}

/**
 * "Two-node cluster with asynchronous log shipping — Cluster continuous replication (CCR)": the generic pattern
 * and the platform's term side by side, without nesting the term's own parentheses inside another pair.
 */
export function optionName(option: { readonly pattern: string; readonly platformTerm: string }): string {
  return option.platformTerm.toLowerCase().startsWith(option.pattern.toLowerCase()) ||
    option.pattern === option.platformTerm
    ? option.platformTerm
    : `${option.pattern} — ${option.platformTerm}`;
}

/** "It loses at most 5m of data"; an option with an RPO of zero loses none. */
function dataLoss(rpoSeconds: number | undefined): string {
  if (rpoSeconds === 0) return 'It loses no data';
  return rpoSeconds === undefined
    ? 'Its data loss is unknown'
    : `It loses at most ${formatDuration(rpoSeconds)} of data`;
}
