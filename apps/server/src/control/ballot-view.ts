import type { Requirements } from '@accord/core/model';
import type { BallotState, YourVote } from '@accord/protocol/events';
import { OPEN_BALLOT, type Ballot, type RecordedVote, type VoteRepository } from './vote.repository.ts';

/** Whether everyone may see who voted which way: always for an open ballot, after the reveal for a blind one. */
export function votesVisible(ballot: Ballot): boolean {
  return ballot.mode === 'open' || ballot.revealed;
}

/**
 * What every participant may receive of a proposal's votes. A blind ballot not yet revealed gives the count
 * only: the votes themselves never leave the server, to the facilitator neither.
 */
export function ballotState(proposalId: string, ballot: Ballot, votes: readonly RecordedVote[]): BallotState {
  return {
    proposalId,
    ballot: ballot.mode,
    revealed: ballot.revealed,
    count: votes.length,
    votes: votesVisible(ballot) ? votes.map((v) => ({ voter: v.voter, choice: v.choice })) : null,
  };
}

/** One participant's own vote on a proposal. */
export function yourVote(proposalId: string, votes: readonly RecordedVote[], participantId: string): YourVote {
  return { proposalId, choice: votes.find((v) => v.participantId === participantId)?.choice ?? null };
}

/** Every proposal with a ballot or votes on record, as one participant may see it on joining. */
export async function workshopBallots(
  repository: VoteRepository,
  workshopId: string,
  participantId: string,
): Promise<{ ballots: BallotState[]; yourVotes: YourVote[] }> {
  const [ballots, votes] = await Promise.all([repository.ballots(workshopId), repository.forWorkshop(workshopId)]);
  const ids = [...new Set([...ballots.keys(), ...votes.keys()])].sort();
  return {
    ballots: ids.map((id) => ballotState(id, ballots.get(id) ?? OPEN_BALLOT, votes.get(id) ?? [])),
    yourVotes: ids.map((id) => yourVote(id, votes.get(id) ?? [], participantId)).filter((v) => v.choice !== null),
  };
}

/**
 * The requirements to publish, with each proposal's ballot and votes as the server recorded them (whatever the
 * document says about them). A blind ballot not yet revealed is published with its count and without votes.
 */
export async function withRecordedVotes(
  repository: VoteRepository,
  workshopId: string,
  requirements: Requirements,
): Promise<Requirements> {
  const [ballots, votes] = await Promise.all([repository.ballots(workshopId), repository.forWorkshop(workshopId)]);
  return {
    ...requirements,
    proposals: requirements.proposals.map((proposal) => {
      const ballot = ballots.get(proposal.id) ?? OPEN_BALLOT;
      const recorded = votes.get(proposal.id) ?? [];
      const { votesCast: _ignored, ...rest } = proposal;
      const base = { ...rest, ballot: ballot.mode, revealed: ballot.revealed };
      return votesVisible(ballot)
        ? { ...base, votes: recorded.map((v) => ({ voter: v.voter, choice: v.choice })) }
        : { ...base, votes: [], votesCast: recorded.length };
    }),
  };
}
