import type { SlaDerivation } from '@accord/core/derive';
import type { Provenance, Requirements } from '@accord/core/model';
import { cell, type Block } from '../document-model.ts';
import { instantLabel } from '../format/dates.ts';
import { fieldLabel, fieldValue, meaningfulValue } from '../format/field-label.ts';
import { words } from '../format/labels.ts';

type Proposal = Requirements['proposals'][number];

/** Who asked for a commitment and why, as label/value rows. */
export function provenanceRows(provenance: Provenance): [string, string][] {
  return [
    ['Source', provenance.source ? words(provenance.source) : 'not stated'],
    ['Requested by', provenance.requestedBy || 'not stated'],
    ['Rationale', provenance.rationale || 'not stated'],
  ];
}

/**
 * "2 for (A, B); 1 against (C)", or "no votes"; "blind vote: 3 cast, hidden until reveal" for a blind ballot
 * whose votes were not revealed when the version was published (the record then carries only their count).
 */
export function votesText(proposal: Proposal): string {
  if (proposal.ballot === 'blind' && !proposal.revealed) {
    const cast = proposal.votesCast ?? proposal.votes.length;
    return `blind vote: ${cast} ${cast === 1 ? 'vote' : 'votes'} cast, hidden until reveal`;
  }
  const side = (choice: 'for' | 'against'): string => {
    const voters = proposal.votes.filter((v) => v.choice === choice).map((v) => v.voter);
    return voters.length === 0 ? '' : `${voters.length} ${choice} (${voters.join(', ')})`;
  };
  const text = [side('for'), side('against')].filter((s) => s !== '').join('; ') || 'no votes';
  return proposal.ballot === 'blind' ? `${text} (blind vote, revealed)` : text;
}

/**
 * The alternatives proposed for fields under `prefix` with their votes, and the decisions taken on them.
 * Empty when nobody proposed or decided anything there.
 */
export function deliberationBlocks(
  requirements: Requirements,
  matches: (field: string) => boolean,
  labelFields: boolean,
  derivation?: SlaDerivation,
): Block[] {
  const proposals = requirements.proposals.filter((p) => matches(p.field));
  const decisions = requirements.decisions.filter((d) => matches(d.field));
  const blocks: Block[] = [];
  const fieldColumn = labelFields ? [{ label: 'Field', width: 2.4 }] : [];
  if (proposals.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Alternatives proposed:' });
    blocks.push({
      kind: 'table',
      columns: [
        ...fieldColumn,
        { label: 'Value', width: 2.6 },
        { label: 'Proposed by', width: 1.6 },
        { label: 'Reason', width: 3 },
        { label: 'Votes', width: 2.6 },
        { label: 'Status', width: 1.2 },
      ],
      rows: proposals.map((p) => [
        ...(labelFields ? [cell(fieldLabel(p.field, requirements))] : []),
        cell(meaningfulValue(p.field, p.value, requirements, derivation)),
        cell(p.createdAt ? `${p.proposedBy}, ${instantLabel(p.createdAt)}` : p.proposedBy),
        cell(p.reason || '—'),
        cell(votesText(p)),
        cell(p.status, p.status === 'open' ? 'warning' : p.status === 'accepted' ? 'ok' : 'muted'),
      ]),
    });
  }
  if (decisions.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Decided:' });
    blocks.push({
      kind: 'table',
      columns: [
        ...fieldColumn,
        { label: 'Value', width: 2.6 },
        { label: 'Decided by', width: 1.6 },
        { label: 'When', width: 1.6 },
        { label: 'Note', width: 4 },
      ],
      rows: decisions.map((d) => [
        ...(labelFields ? [cell(fieldLabel(d.field, requirements))] : []),
        decidedValueCell(requirements, d.field, d.value, derivation),
        cell(d.decidedBy),
        cell(d.decidedAt ? instantLabel(d.decidedAt) : '—'),
        cell(d.note || '—'),
      ]),
    });
  }
  return blocks;
}

/** Matches a field path and every path below it. */
export function under(prefix: string): (field: string) => boolean {
  return (field) => field === prefix || field.startsWith(`${prefix}/`);
}

/** The decided value, flagged when the field has been changed since: the decision is then history. */
function decidedValueCell(
  requirements: Requirements,
  field: string,
  value: Requirements['decisions'][number]['value'],
  derivation?: SlaDerivation,
): ReturnType<typeof cell> {
  const now = valueAtPath(requirements, field);
  if (now === undefined || JSON.stringify(now) === JSON.stringify(value))
    return cell(meaningfulValue(field, value, requirements, derivation));
  const current =
    typeof now === 'string' || typeof now === 'number' || typeof now === 'boolean'
      ? fieldValue(field, now)
      : 'another value';
  return cell(`${fieldValue(field, value)} (since changed to ${current})`, 'warning');
}

/** The value at an id-addressed field path of the requirements, or undefined. */
export function valueAtPath(requirements: Requirements, path: string): unknown {
  let current: unknown = requirements;
  for (const segment of path.split('/').slice(1)) {
    if (Array.isArray(current))
      current = current.find((item: unknown) => (item as { id?: unknown } | null)?.id === segment);
    else if (current !== null && typeof current === 'object') current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}
