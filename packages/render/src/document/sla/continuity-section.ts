import { formatDuration } from '@accord/core/duration';
import { cell, type Block, type Cell } from '../document-model.ts';
import { findingsFor } from '../finding-views.ts';
import { scenarioLabel, words } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** Continuity: RPO and RTO per function and failure scenario, the design that meets them, and recovery tests. */
export function continuitySection(ctx: BuildContext): SectionDraft {
  const { derivation } = ctx;
  const rows: Cell[][] = derivation.functions.flatMap((fn) => fn.recovery.map((objective) => {
    const plan = fn.recommendation.perScenario.find((s) => s.scenario === objective.scenario);
    const design = plan?.chosen
      ? `${plan.chosen.platformTerm}${plan.chosen.conditions.length > 0 ? `; ${plan.chosen.conditions.join('; ')}` : ''}`
      : 'no option meets this objective';
    return [cell(fn.name), cell(scenarioLabel(objective.scenario)), cell(objective.rpoHuman), cell(objective.rtoHuman), cell(design, plan?.chosen ? undefined : 'error')];
  }));
  const blocks: Block[] = [];
  if (rows.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No recovery objectives are agreed yet.', tone: 'warning' });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'RPO is the most data a failure may lose; RTO the longest the function may be down before it is back. The design column names the least costly option that meets both; the justification says why cheaper ones fail.',
    });
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Business function', width: 2.4 }, { label: 'Scenario', width: 1.8 }, { label: 'RPO', width: 1.1, align: 'right' }, { label: 'RTO', width: 1.1, align: 'right' }, { label: 'Design that meets it', width: 4.4 }],
      rows,
    });
    const restores = derivation.functions.filter((fn) => fn.restoreSeconds !== undefined);
    if (restores.length > 0) {
      blocks.push({
        kind: 'paragraph',
        text: `A full restore from backup takes ${restores.map((fn) => `${formatDuration(fn.restoreSeconds ?? 0)} for ${fn.name}`).join(', ')} (data size ÷ restore throughput + fixed overhead).`,
      });
    }
    blocks.push({ kind: 'heading', text: 'Recovery readiness' });
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Business function', width: 2.4 }, { label: 'Scenario', width: 1.8 }, { label: 'Test', width: 1.8 }, { label: 'Needed every', width: 1.2, align: 'right' }, { label: 'Scheduled', width: 2 }],
      rows: derivation.functions.flatMap((fn) => fn.readinessPlan.map((test) => [
        cell(fn.name),
        cell(scenarioLabel(test.scenario)),
        cell(words(test.kind)),
        cell(`${test.everyDays} days`),
        scheduledCell(ctx, test.scheduledAs, test.everyDays),
      ])),
    });
  }
  const findings = findingsFor(derivation, 'continuity');
  if (findings.length > 0) blocks.push({ kind: 'findings', findings });
  return { id: 'sla-continuity', title: 'Continuity: recovery point and recovery time', blocks };
}

/**
 * The test the workshop scheduled for this need, as a reader wants it: its kind, how often, when last run, and
 * whether it runs as often as the need asks (a restore test every 182 days does not meet a 91-day need).
 */
function scheduledCell(ctx: BuildContext, scheduledAs: string | undefined, neededEveryDays: number): Cell {
  if (scheduledAs === undefined) return cell('not scheduled', 'warning');
  const test = ctx.requirements.recoveryTests.find((t) => t.id === scheduledAs);
  if (!test) return cell('yes', 'ok');
  const text = `${words(test.kind)} every ${test.everyDays} days${test.lastRun ? `, last run ${test.lastRun}` : ''}`;
  return test.everyDays > neededEveryDays ? cell(`${text}: less often than needed`, 'warning') : cell(text, 'ok');
}
