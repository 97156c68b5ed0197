import { formatDuration } from '@accord/core/duration';
import type { ProtectionKind } from '@accord/core/model';
import { cell, type Block, type Cell } from '../document-model.ts';
import { findingsFor } from '../finding-views.ts';
import { scenarioLabel, words } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/** Continuity: RPO and RTO per function and failure scenario, the design that meets them, and recovery tests. */
export function continuitySection(ctx: BuildContext): SectionDraft {
  const { derivation } = ctx;
  const rows: Cell[][] = derivation.functions.flatMap((fn) =>
    fn.recovery.map((objective) => {
      const plan = fn.recommendation.perScenario.find((s) => s.scenario === objective.scenario);
      // The design in place is the function's own plus what it inherits: webmail reads the mailboxes, so the
      // mailbox cluster protects its data too.
      const inPlace = fn.design.map((p) => p.kind);
      const chosen = plan?.chosen;
      const design = chosen
        ? `${chosen.platformTerm}${chosen.conditions.length > 0 ? `; ${chosen.conditions.join('; ')}` : ''}` +
          (inPlace.includes(chosen.option as ProtectionKind) ? '' : ' — not in place yet')
        : plan?.upgrade
          ? `no option available on the platform meets this objective; ${plan.upgrade.platformTerm} would, but requires an upgrade to ${plan.upgrade.requiresUpgradeTo}`
          : `no option meets this objective${plan && plan.rejected.length === 1 && plan.inherits ? `: ${plan.rejected[0]?.reasons.join('; ')}` : ''}`;
      return [
        cell(fn.name),
        cell(scenarioLabel(objective.scenario)),
        cell(objective.rpoHuman),
        cell(objective.rtoHuman),
        cell(
          inPlace.length > 0 ? inPlaceText(ctx, fn.design) : 'none recorded',
          inPlace.length > 0 ? undefined : 'warning',
        ),
        cell(design, !chosen ? 'error' : inPlace.includes(chosen.option as ProtectionKind) ? undefined : 'warning'),
      ];
    }),
  );
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
        { label: 'Business function', width: 2.2 },
        { label: 'Scenario', width: 1.6 },
        { label: 'RPO', width: 0.9, align: 'right' },
        { label: 'RTO', width: 0.9, align: 'right' },
        { label: 'In place', width: 2 },
        { label: 'Least costly design that meets it', width: 3.8 },
      ],
      rows,
    });
    const restores = derivation.functions.filter((fn) => fn.restoreSeconds !== undefined);
    if (restores.length > 0) {
      blocks.push({
        kind: 'paragraph',
        text: `Restoring all the data from backup takes ${restores.map((fn) => `${formatDuration(fn.restoreSeconds ?? 0)} for ${fn.name}`).join(', ')} (data size ÷ restore throughput + fixed overhead); a corruption hits one database, whose restore is timed in the justification.`,
      });
    }
    const passThrough = derivation.functions.filter((fn) => !fn.holdsData);
    if (passThrough.length > 0) {
      blocks.push({
        kind: 'paragraph',
        text: `${passThrough.map((fn) => fn.name).join(', ')} hold no data of their own: they inherit the protection of the functions whose data they read, their servers run as pools or redundant transport, and nothing of theirs is restored from backup (transport queues are transient).`,
      });
    }
    const single = derivation.functions.flatMap((fn) =>
      fn.recommendation.singlePointsOfFailure.map((p) => `${p.name} (${fn.name}): ${p.advice.replace(/^.*?: /, '')}`),
    );
    if (single.length > 0) {
      blocks.push({ kind: 'paragraph', text: 'Single points of failure:', tone: 'warning' });
      blocks.push({ kind: 'list', items: single });
    }
    blocks.push({ kind: 'heading', text: 'Recovery readiness' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 2.4 },
        { label: 'Scenario', width: 1.8 },
        { label: 'Test', width: 1.8 },
        { label: 'Needed every', width: 1.2, align: 'right' },
        { label: 'Scheduled', width: 2 },
      ],
      rows: derivation.functions.flatMap((fn) =>
        fn.readinessPlan.map((test) => [
          cell(fn.name),
          cell(scenarioLabel(test.scenario)),
          cell(words(test.kind)),
          cell(`${test.everyDays} days`),
          scheduledCell(ctx, test.scheduledAs, test.everyDays),
        ]),
      ),
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

/** The protections in place, the inherited ones with whose they are: "CCR, SCR (of Mailbox access)". */
function inPlaceText(
  ctx: BuildContext,
  design: readonly { readonly kind: ProtectionKind; readonly inheritedFrom?: string }[],
): string {
  const own = design.filter((p) => p.inheritedFrom === undefined).map((p) => PROTECTION_LABEL[p.kind]);
  const from = [...new Set(design.flatMap((p) => (p.inheritedFrom === undefined ? [] : [p.inheritedFrom])))];
  const inherited = from.map(
    (id) =>
      `${design
        .filter((p) => p.inheritedFrom === id)
        .map((p) => PROTECTION_LABEL[p.kind])
        .join(', ')} (inherited from ${ctx.requirements.functions.find((f) => f.id === id)?.name ?? id})`,
  );
  return [...own, ...inherited].join(', ');
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
  'transport-redundancy': 'redundant transport',
  'synchronous-replication': 'synchronous replication',
};
