import { applyEdit, readSnapshot, type EditResult } from '@accord/core/ydoc';
import * as Y from 'yjs';

/**
 * Proposals and decisions as changes to a workshop doc (votes are not in the doc: see `VoteRepository`). They
 * run on the server's scratch copy (`WorkshopRoom.applyServerChange`), after the caller has checked the
 * participant's role. Each returns a typed result; a failed one leaves the doc as it was.
 */

export type ActionResult = EditResult & { readonly field?: string };

const refuse = (error: 'unknown-item' | 'unknown-field', message: string): ActionResult => ({
  ok: false,
  error,
  message,
});

type ProposalValue = string | number | boolean | null;

/**
 * Whether setting `field` to `value` keeps a valid document valid: a proposal nobody could accept is refused
 * when it is made, with the reason. A document that is already invalid cannot judge, so it allows.
 */
export function checkValue(doc: Y.Doc, field: string, value: ProposalValue): ActionResult {
  if (!readSnapshot(doc).ok) return { ok: true };
  const trial = new Y.Doc();
  Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
  const applied = applyEdit(trial, { kind: 'set', path: field, value });
  const after = applied.ok ? readSnapshot(trial) : undefined;
  trial.destroy();
  if (!applied.ok) return applied;
  if (after && !after.ok)
    return refuse(
      'unknown-field',
      `${field} cannot take ${JSON.stringify(value)}: ${after.problems[0]?.path ?? ''} ${after.problems[0]?.message ?? ''}`.trim(),
    );
  return { ok: true };
}

export function createProposal(
  doc: Y.Doc,
  proposal: {
    id: string;
    field: string;
    value: ProposalValue;
    reason: string;
    proposedBy: string;
    createdAt: string;
    ballot: 'open' | 'blind';
  },
): ActionResult {
  const checked = checkValue(doc, proposal.field, proposal.value);
  if (!checked.ok) return checked;
  return applyEdit(doc, {
    kind: 'insert',
    collection: 'proposals',
    item: { ...proposal, status: 'open', revealed: false },
  });
}

/** What the server needs to know of a proposal in the doc, or undefined when there is none with that id. */
export interface ProposalFacts {
  readonly status: string;
  readonly field: string;
  readonly proposedBy: string;
}

export function readProposal(doc: Y.Doc, proposalId: string): ProposalFacts | undefined {
  const proposals = doc.getMap('requirements').get('proposals');
  const item = proposals instanceof Y.Map ? proposals.get(proposalId) : undefined;
  if (!(item instanceof Y.Map)) return undefined;
  return {
    status: String(item.get('status') ?? 'open'),
    field: String(item.get('field') ?? ''),
    proposedBy: String(item.get('proposedBy') ?? ''),
  };
}

/** Shows a proposal's ballot in the doc, for everyone to read (the server's own record decides). */
export function showBallot(
  doc: Y.Doc,
  input: { proposalId: string; ballot?: 'open' | 'blind'; revealed?: boolean },
): ActionResult {
  if (!readProposal(doc, input.proposalId)) return refuse('unknown-item', `no proposal with id "${input.proposalId}"`);
  const steps: EditResult[] = [];
  if (input.ballot !== undefined)
    steps.push(applyEdit(doc, { kind: 'set', path: `/proposals/${input.proposalId}/ballot`, value: input.ballot }));
  if (input.revealed !== undefined)
    steps.push(applyEdit(doc, { kind: 'set', path: `/proposals/${input.proposalId}/revealed`, value: input.revealed }));
  return steps.find((step) => !step.ok) ?? { ok: true };
}

function openProposal(doc: Y.Doc, proposalId: string): Y.Map<unknown> | ActionResult {
  const proposal = doc.getMap('requirements').get('proposals');
  const item = proposal instanceof Y.Map ? proposal.get(proposalId) : undefined;
  if (!(item instanceof Y.Map)) return refuse('unknown-item', `no proposal with id "${proposalId}"`);
  if (item.get('status') !== 'open')
    return refuse('unknown-item', `proposal "${proposalId}" is ${String(item.get('status'))}, not open`);
  return item;
}

/** The proposer (or the facilitator) takes a proposal back. */
export function withdraw(doc: Y.Doc, input: { proposalId: string; by: string; facilitator: boolean }): ActionResult {
  const item = openProposal(doc, input.proposalId);
  if (!(item instanceof Y.Map)) return item;
  if (!input.facilitator && item.get('proposedBy') !== input.by)
    return refuse('unknown-item', 'only the person who proposed it (or the facilitator) can withdraw a proposal');
  return applyEdit(doc, { kind: 'set', path: `/proposals/${input.proposalId}/status`, value: 'withdrawn' });
}

/**
 * The facilitator's decision. Accepting sets the field to the proposed value, records a decision in the log
 * and rejects the other open proposals for the same field; rejecting just closes the proposal.
 */
export function decide(
  doc: Y.Doc,
  input: {
    proposalId: string;
    outcome: 'accepted' | 'rejected';
    note: string;
    decidedBy: string;
    decidedAt: string;
    decisionId: string;
    reveal: boolean;
  },
): ActionResult {
  const item = openProposal(doc, input.proposalId);
  if (!(item instanceof Y.Map)) return item;
  const field = String(item.get('field'));
  // Deciding a blind ballot reveals its votes: the decision is taken in view of them.
  const revealed = input.reveal
    ? applyEdit(doc, { kind: 'set', path: `/proposals/${input.proposalId}/revealed`, value: true })
    : { ok: true as const };
  if (!revealed.ok) return revealed;
  if (input.outcome === 'rejected') {
    const closed = applyEdit(doc, { kind: 'set', path: `/proposals/${input.proposalId}/status`, value: 'rejected' });
    return closed.ok ? { ok: true, field } : closed;
  }
  const value = (item.get('value') ?? null) as ProposalValue;
  const checked = checkValue(doc, field, value);
  if (!checked.ok) return checked;
  const steps: EditResult[] = [
    applyEdit(doc, { kind: 'set', path: field, value }),
    applyEdit(doc, { kind: 'set', path: `/proposals/${input.proposalId}/status`, value: 'accepted' }),
    applyEdit(doc, {
      kind: 'insert',
      collection: 'decisions',
      item: {
        id: input.decisionId,
        field,
        value,
        proposalId: input.proposalId,
        decidedBy: input.decidedBy,
        decidedAt: input.decidedAt,
        note: input.note,
      },
    }),
  ];
  const proposals = doc.getMap('requirements').get('proposals');
  if (proposals instanceof Y.Map) {
    for (const [id, other] of proposals.entries()) {
      if (
        id === input.proposalId ||
        !(other instanceof Y.Map) ||
        other.get('field') !== field ||
        other.get('status') !== 'open'
      )
        continue;
      steps.push(applyEdit(doc, { kind: 'set', path: `/proposals/${id}/status`, value: 'rejected' }));
    }
  }
  const failed = steps.find((step) => !step.ok);
  return failed ?? { ok: true, field };
}
