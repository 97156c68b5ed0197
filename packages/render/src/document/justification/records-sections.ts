import { cell, type Block } from '../document-model.ts';
import { findingPointers } from '../finding-views.ts';
import { instantLabel } from '../format/dates.ts';
import { fieldLabel, meaningfulValue } from '../format/field-label.ts';
import { words } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { votesText } from './deliberation-blocks.ts';

/** Open issues: service-wide findings with their fixes, and the proposals still waiting for a decision. */
export function openIssuesSection(ctx: BuildContext): SectionDraft {
  const { derivation, requirements } = ctx;
  const serviceWide = derivation.findings.filter((f) => f.functionId === undefined);
  const open = requirements.proposals.filter((p) => p.status === 'open');
  const blocks: Block[] = [];
  if (serviceWide.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Service-wide findings, each stated with its fix in the agreement:' });
    blocks.push(findingPointers(serviceWide, derivation, ctx.slaNumbers));
  }
  if (open.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Proposals still open:' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Field', width: 2.6 },
        { label: 'Value', width: 1.2 },
        { label: 'Proposed by', width: 1.6 },
        { label: 'Reason', width: 3 },
        { label: 'Votes', width: 2.4 },
      ],
      rows: open.map((p) => [
        cell(fieldLabel(p.field, requirements)),
        cell(meaningfulValue(p.field, p.value, requirements, derivation)),
        cell(p.proposedBy),
        cell(p.reason || '—'),
        cell(votesText(p)),
      ]),
    });
  }
  if (blocks.length === 0)
    blocks.push({
      kind: 'paragraph',
      text: 'No service-wide findings and no open proposals. Findings of single functions are listed with each function.',
      tone: 'ok',
    });
  else blocks.push({ kind: 'paragraph', text: 'Findings of single functions are listed with each function above.' });
  return { id: 'why-open-issues', title: 'Open issues', blocks };
}

/** The decision log: every decision and every proposal, in the order they were taken. */
export function decisionLogSection(ctx: BuildContext): SectionDraft {
  const { requirements } = ctx;
  const decisions = [...requirements.decisions].sort((a, b) =>
    a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : 0,
  );
  const blocks: Block[] =
    decisions.length === 0
      ? [{ kind: 'paragraph', text: 'No decisions recorded.' }]
      : [
          {
            kind: 'table',
            columns: [
              { label: 'When', width: 1.6 },
              { label: 'Field', width: 2.6 },
              { label: 'Value', width: 1.2 },
              { label: 'Decided by', width: 1.6 },
              { label: 'Note', width: 3.4 },
            ],
            rows: decisions.map((d) => [
              cell(d.decidedAt ? instantLabel(d.decidedAt) : '—'),
              cell(fieldLabel(d.field, requirements)),
              cell(meaningfulValue(d.field, d.value, requirements, ctx.derivation)),
              cell(d.decidedBy),
              cell([d.note, proposalOrigin(requirements, d.proposalId)].filter((s) => s !== '').join(' ') || '—'),
            ]),
          },
        ];
  if (requirements.proposals.length > 0) {
    blocks.push({ kind: 'heading', text: 'All proposals' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Field', width: 2.6 },
        { label: 'Value', width: 1.2 },
        { label: 'Proposed by', width: 1.6 },
        { label: 'Votes', width: 2.6 },
        { label: 'Status', width: 1.2 },
      ],
      rows: requirements.proposals.map((p) => [
        cell(fieldLabel(p.field, requirements)),
        cell(meaningfulValue(p.field, p.value, requirements, ctx.derivation)),
        cell(p.proposedBy),
        cell(votesText(p)),
        cell(p.status),
      ]),
    });
  }
  return { id: 'why-decision-log', title: 'Decision log', blocks };
}

/** Who took part in the workshop, and in which role. */
export function attendanceSection(ctx: BuildContext): SectionDraft {
  const { attendance } = ctx.requirements;
  return {
    id: 'why-attendance',
    title: 'Attendance',
    blocks:
      attendance.length === 0
        ? [{ kind: 'paragraph', text: 'No attendance recorded.' }]
        : [
            {
              kind: 'table',
              columns: [
                { label: 'Name', width: 3 },
                { label: 'Role', width: 2 },
                { label: 'Organisation', width: 3 },
              ],
              rows: attendance.map((a) => [cell(a.name), cell(words(a.role)), cell(a.organisation || '—')]),
            },
          ],
  };
}

/** Where a decision came from, by the person who proposed it rather than the proposal's id. */
function proposalOrigin(requirements: BuildContext['requirements'], proposalId: string | undefined): string {
  if (proposalId === undefined) return '';
  const proposal = requirements.proposals.find((p) => p.id === proposalId);
  return proposal ? `(accepting ${proposal.proposedBy}'s proposal)` : '(from a proposal)';
}
