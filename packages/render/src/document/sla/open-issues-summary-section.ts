import { cell, type Block, type FindingView } from '../document-model.ts';
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
        : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} and ${plural(counts.info, 'note')} ${ctx.identity.draft ? 'are open in this draft' : 'were open when this version was frozen'}. Each is shown with its fix where it applies, and again under its function in the justification.`,
      tone: counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'ok',
    },
  ];
  if (derivation.findings.length > 0) {
    // One row per code and severity, the places it applies joined: the list stays short enough to scan.
    const rows = new Map<string, { severity: FindingView['severity']; title: string; code: string; where: string[] }>();
    for (const view of derivation.findings.map((f) => findingView(f, derivation))) {
      const key = `${view.severity} ${view.code}`;
      const row = rows.get(key) ?? { severity: view.severity, title: view.title, code: view.code, where: [] };
      row.where.push(view.where);
      rows.set(key, row);
    }
    blocks.push({
      kind: 'table',
      // The code column fits the longest code (DEPENDENCIES_CAP_AVAILABILITY) on one line in the PDF.
      columns: [{ label: 'Severity', width: 1 }, { label: 'Issue', width: 3.2 }, { label: 'Code', width: 4 }, { label: 'Where', width: 4 }],
      rows: [...rows.values()].map((row) => [cell(row.severity, row.severity), cell(row.title), cell(row.code, 'muted'), cell(row.where.join('; '))]),
    });
  }
  const governance = findingsFor(derivation, 'open-issues');
  if (governance.length > 0) blocks.push({ kind: 'findings', findings: governance });
  return { id: 'sla-open-issues', title: 'Open issues', blocks };
}
