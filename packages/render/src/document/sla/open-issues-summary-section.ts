import { cell, type Block } from '../document-model.ts';
import { findingsFor, findingView } from '../finding-views.ts';
import { plural } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';

/**
 * Every finding still open when the version was frozen, in one table, plus the governance findings (open
 * proposals, missing rationale) that belong to no single commitment.
 */
export function openIssuesSummarySection(ctx: BuildContext): SectionDraft {
  const { derivation } = ctx;
  const { counts } = derivation;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: derivation.findings.length === 0
        ? 'No open issues: the requirements are consistent.'
        : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} and ${plural(counts.info, 'note')} were open when this version was frozen. Each is shown where it applies; the justification gives the fix.`,
      tone: counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'ok',
    },
  ];
  if (derivation.findings.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [{ label: 'Severity', width: 1.2 }, { label: 'Code', width: 3 }, { label: 'Where', width: 3 }],
      rows: derivation.findings.map((f) => {
        const view = findingView(f, derivation);
        return [cell(view.severity, view.severity), cell(view.code), cell(view.where)];
      }),
    });
  }
  const governance = findingsFor(derivation, 'open-issues');
  if (governance.length > 0) blocks.push({ kind: 'findings', findings: governance });
  return { id: 'sla-open-issues', title: 'Open issues', blocks };
}
