import type { BallotState } from '@accord/protocol/events';
import { items, str, type RawRecord } from './raw.ts';

export interface ProposalView {
  readonly id: string;
  readonly field: string;
  readonly value: unknown;
  readonly reason: string;
  readonly proposedBy: string;
  readonly createdAt: string;
  readonly status: 'open' | 'accepted' | 'rejected' | 'withdrawn';
  /** Open: votes shown as cast; blind: nobody sees anyone else's vote before the facilitator reveals them. */
  readonly ballot: 'open' | 'blind';
  readonly revealed: boolean;
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
    ballot: p.ballot === 'blind' ? 'blind' : 'open',
    revealed: p.revealed === true,
  }));
  return [...list.filter((p) => p.status === 'open'), ...list.filter((p) => p.status !== 'open')];
}

/** The decision log, newest first. */
export function readDecisions(raw: RawRecord): DecisionView[] {
  return items(raw.decisions)
    .map((d) => ({
      id: d.id,
      field: str(d.field),
      value: d.value ?? null,
      proposalId: str(d.proposalId),
      decidedBy: str(d.decidedBy),
      decidedAt: str(d.decidedAt),
      note: str(d.note),
    }))
    .reverse();
}

/**
 * What this participant may see of a proposal's votes, as the server sent it (votes are never in the shared
 * document). A proposal nobody voted on has no state yet: no votes, shown by its doc's ballot. With no states
 * at all (`null`: the control plane's session state has not arrived), the votes are not known: null, not zero.
 */
export function ballotOf(proposal: ProposalView, states: Readonly<Record<string, BallotState>>): BallotState;
export function ballotOf(
  proposal: ProposalView,
  states: Readonly<Record<string, BallotState>> | null,
): BallotState | null;
export function ballotOf(
  proposal: ProposalView,
  states: Readonly<Record<string, BallotState>> | null,
): BallotState | null {
  if (states === null) return null;
  const hidden = proposal.ballot === 'blind' && !proposal.revealed;
  return (
    states[proposal.id] ?? {
      proposalId: proposal.id,
      ballot: proposal.ballot,
      revealed: proposal.revealed,
      count: 0,
      votes: hidden ? null : [],
    }
  );
}

/** The actions on a proposal that depend on its votes, as far as the votes allow them (roles aside). */
export interface BallotActions {
  /** Vote for or against: until a blind ballot is revealed, since later votes would be cast in view of others. */
  readonly vote: boolean;
  /** Make the vote blind or open: only before anyone voted. */
  readonly chooseBallot: boolean;
  /** Reveal a blind ballot once someone voted. */
  readonly reveal: boolean;
}

/**
 * Which vote-dependent actions an open proposal offers. None while its votes are not known (`null`): "make the
 * vote blind" on a ballot that already has votes would only be refused, and a vote button could not show the
 * participant's own vote.
 */
export function ballotActions(proposal: ProposalView, ballot: BallotState | null): BallotActions {
  if (proposal.status !== 'open' || ballot === null) return { vote: false, chooseBallot: false, reveal: false };
  const blind = ballot.ballot === 'blind';
  return {
    vote: !(blind && ballot.revealed),
    chooseBallot: ballot.count === 0 && !ballot.revealed,
    reveal: blind && !ballot.revealed && ballot.count > 0,
  };
}

/** Votes for and against, or null while a blind ballot hides them. */
export function tally(state: BallotState): { readonly for: number; readonly against: number } | null {
  if (state.votes === null) return null;
  return {
    for: state.votes.filter((v) => v.choice === 'for').length,
    against: state.votes.filter((v) => v.choice === 'against').length,
  };
}

/** "3 votes cast, hidden until reveal", for a blind ballot the facilitator has not revealed. */
export function hiddenVotesText(count: number): string {
  return `${count} ${count === 1 ? 'vote' : 'votes'} cast, hidden until reveal`;
}

export function isMine(proposal: ProposalView, you: { readonly id: string; readonly name: string }): boolean {
  return proposal.proposedBy === you.id || proposal.proposedBy === you.name;
}
