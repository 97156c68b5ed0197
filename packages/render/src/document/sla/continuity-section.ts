import { formatDuration } from '@accord/core/duration';
import type { ProtectionKind } from '@accord/core/model';
import { cell, type Block, type Cell } from '../document-model.ts';
import { findingsFor } from '../finding-views.ts';
import { scenarioLabel, words } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** Continuity: RPO and RTO per function and failure scenario, the design that meets them, and recovery tests. */
export function continuitySection(ctx: BuildContext): SectionDraft {
  const { derivation } = ctx;
  const rows: Cell[][] = derivation.functions.flatMap((fn) => fn.recovery.map((objective) => {
    const plan = fn.recommendation.perScenario.find((s) => s.scenario === objective.scenario);
    const inPlace = ctx.requirements.functions.find((f) => f.id === fn.id)?.design.map((p) => p.kind) ?? [];
    const chosen = plan?.chosen;
    const design = chosen
      ? `${chosen.platformTerm}${chosen.conditions.length > 0 ? `; ${chosen.conditions.join('; ')}` : ''}` +
        (inPlace.includes(chosen.option as ProtectionKind) ? '' : ' — not in place yet')
      : 'no option meets this objective';
    return [
      cell(fn.name), cell(scenarioLabel(objective.scenario)), cell(objective.rpoHuman), cell(objective.rtoHuman),
      cell(inPlace.length > 0 ? inPlace.map((kind) => PROTECTION_LABEL[kind]).join(', ') : 'none recorded', inPlace.length > 0 ? undefined : 'warning'),
      cell(design, !chosen ? 'error' : inPlace.includes(chosen.option as ProtectionKind) ? undefined : 'warning'),
    ];
  }));
  const blocks: Block[] = [];
  if (rows.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No recovery objectives are agreed yet.', tone: 'warning' });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: 'RPO is the most data a failure may lose; RTO the longest the function may be down before it is back. "In place" is the protection the requirements record today; the last column names the least costly design that meets both objectives, marked where it is not in place yet, and the justification says why cheaper ones fail.',
    });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 2.2 }, { label: 'Scenario', width: 1.6 }, { label: 'RPO', width: 0.9, align: 'right' }, { label: 'RTO', width: 0.9, align: 'right' },
        { label: 'In place', width: 2 }, { label: 'Least costly design that meets it', width: 3.8 },
      ],
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

/** Protections by their short names, as a service manager says them. */
const PROTECTION_LABEL: Readonly<Record<ProtectionKind, string>> = {
  'backup-restore': 'backup and restore',
  lcr: 'LCR',
  ccr: 'CCR',
  scr: 'SCR',
  scc: 'SCC',
  dag: 'DAG',
  'dag-lagged': 'lagged DAG copy',
  'load-balanced-pool': 'load-balanced pool',
  'synchronous-replication': 'synchronous replication',
};
