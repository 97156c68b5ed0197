import { formatDuration } from '@accord/core/duration';
import { THROUGHPUT_CONVENTION, formatThroughput } from '@accord/core/throughput';
import { cell, type Block } from '../document-model.ts';
import { findingsFor } from '../finding-views.ts';
import { words } from '../format/labels.ts';
import { appliesToLabel, type BuildContext, type SectionDraft } from '../section-draft.ts';

/** Backup and retention: the plans in place, what each function needs, and regulatory retention. */
export function backupSection(ctx: BuildContext): SectionDraft {
  const { requirements, derivation } = ctx;
  const blocks: Block[] = [];
  if (requirements.backups.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No backup plan is in place.', tone: 'warning' });
  } else {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Backup plan', width: 3 },
        { label: 'Applies to', width: 2 },
        { label: 'Type', width: 1.3 },
        { label: 'Every', width: 1.1, align: 'right' },
        { label: 'Kept', width: 1.2, align: 'right' },
        { label: 'Off-site', width: 1, align: 'right' },
        { label: 'Restore speed', width: 1.6, align: 'right' },
      ],
      rows: requirements.backups.map((b) => [
        cell(b.name),
        cell(appliesToLabel(requirements, b.appliesTo)),
        cell(words(b.type)),
        cell(formatDuration(b.intervalSeconds)),
        cell(`${b.retentionDays} days`),
        cell(String(b.offsiteCopies)),
        cell(formatThroughput(b.restoreThroughputGbPerHour)),
      ]),
    });
    blocks.push({
      kind: 'paragraph',
      text: `${THROUGHPUT_CONVENTION} Retention in years counts mean Gregorian years (365.2425 days), rounded up to whole days.`,
    });
  }
  const needed = derivation.functions.filter((fn) => fn.recovery.length > 0);
  if (needed.length > 0) {
    blocks.push({ kind: 'heading', text: 'What each function needs' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Business function', width: 2.4 },
        { label: 'Backups', width: 2.6 },
        { label: 'Keep', width: 3 },
        { label: 'Off-site', width: 1, align: 'right' },
        { label: 'Gaps', width: 3.4 },
      ],
      rows: needed.map((fn) => [
        cell(fn.name),
        cell(`${fn.backupPlan.type}, every ${formatDuration(fn.backupPlan.intervalSeconds)}`),
        cell(`${fn.backupPlan.retentionDays} days: ${fn.backupPlan.retentionReason}`),
        cell(String(fn.backupPlan.offsiteCopies)),
        fn.backupPlan.gaps.length === 0 ? cell('none', 'ok') : cell(fn.backupPlan.gaps.join('; '), 'error'),
      ]),
    });
  }
  if (requirements.regulatory.length > 0) {
    blocks.push({ kind: 'heading', text: 'Regulatory retention' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Rule', width: 2.5 },
        { label: 'Reference', width: 3 },
        { label: 'Keep', width: 1.2, align: 'right' },
        { label: 'Applies to', width: 2.5 },
      ],
      rows: requirements.regulatory.map((r) => [
        cell(r.name),
        cell(r.reference || '—'),
        cell(`${r.retentionDays} days`),
        cell(appliesToLabel(requirements, r.appliesTo)),
      ]),
    });
  }
  const findings = findingsFor(derivation, 'backup');
  if (findings.length > 0) blocks.push({ kind: 'findings', findings });
  return { id: 'sla-backup', title: 'Backup and retention', blocks };
}
