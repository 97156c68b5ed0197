import { cell, type Block } from '../document-model.ts';
import { findingsFor, groupFindings } from '../finding-views.ts';
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
      text:
        derivation.findings.length === 0
          ? 'No open issues: the requirements are consistent.'
          : `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')} and ${plural(counts.info, 'note')} ${ctx.identity.draft ? 'are open in this draft' : 'were open when this version was frozen'}. Each is stated once, with its fix, beside the commitment it concerns; the justification points to it, and its appendix lists the stable codes tools key on.`,
      tone: counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'ok',
    },
  ];
  if (derivation.findings.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Severity', width: 1 },
        { label: 'Issue', width: 4 },
        { label: 'Where', width: 4.4 },
        { label: 'Stated in', width: 1.2 },
      ],
      rows: groupFindings(derivation.findings, derivation, ctx.slaNumbers).map((row) => [
        cell(row.severity, row.severity),
        cell(row.title),
        cell(row.where.join('; ')),
        cell(row.place),
      ]),
    });
  }
  const governance = findingsFor(derivation, 'open-issues');
  if (governance.length > 0) blocks.push({ kind: 'findings', findings: governance });
  return { id: 'sla-open-issues', title: 'Open issues', blocks };
}
