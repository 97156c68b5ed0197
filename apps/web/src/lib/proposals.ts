import { isRecord, items, str, type RawRecord } from './raw.ts';

export interface ProposalView {
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
  readonly reason: string;
  readonly proposedBy: string;
  readonly createdAt: string;
  readonly status: 'open' | 'accepted' | 'rejected' | 'withdrawn';
  readonly votes: readonly { readonly voter: string; readonly choice: 'for' | 'against' }[];
}

export interface DecisionView {
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
  readonly proposalId: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
  readonly note: string;
}

const STATUSES = new Set(['open', 'accepted', 'rejected', 'withdrawn']);

/** The doc's proposals, open ones first, each list in the order they were made. */
export function readProposals(raw: RawRecord): ProposalView[] {
  const list = items(raw.proposals).map((p): ProposalView => ({
    id: p.id,
    field: str(p.field),
    value: p.value ?? null,
    reason: str(p.reason),
    proposedBy: str(p.proposedBy),
    createdAt: str(p.createdAt),
    status: (STATUSES.has(str(p.status)) ? str(p.status) : 'open') as ProposalView['status'],
    votes: Array.isArray(p.votes)
      ? p.votes.filter(isRecord).flatMap((v) => (typeof v.voter === 'string' && (v.choice === 'for' || v.choice === 'against') ? [{ voter: v.voter, choice: v.choice }] : []))
      : [],
  }));
  return [...list.filter((p) => p.status === 'open'), ...list.filter((p) => p.status !== 'open')];
}

/** The decision log, newest first. */
export function readDecisions(raw: RawRecord): DecisionView[] {
  return items(raw.decisions)
    .map((d) => ({
      id: d.id, field: str(d.field), value: d.value ?? null, proposalId: str(d.proposalId), decidedBy: str(d.decidedBy),
      decidedAt: str(d.decidedAt), note: str(d.note),
    }))
    .reverse();
}

export function tally(proposal: ProposalView): { readonly for: number; readonly against: number } {
  return {
    for: proposal.votes.filter((v) => v.choice === 'for').length,
    against: proposal.votes.filter((v) => v.choice === 'against').length,
  };
}

/** This participant's vote; the server records voters by participant id or by name. */
export function voteOf(proposal: ProposalView, you: { readonly id: string; readonly name: string }): 'for' | 'against' | null {
  return proposal.votes.find((v) => v.voter === you.id || v.voter === you.name)?.choice ?? null;
}

export function isMine(proposal: ProposalView, you: { readonly id: string; readonly name: string }): boolean {
  return proposal.proposedBy === you.id || proposal.proposedBy === you.name;
}
