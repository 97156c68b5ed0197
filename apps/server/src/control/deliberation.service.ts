import type { Ballot as BallotMode } from '@accord/core/model';
import type * as Y from 'yjs';
import { randomId } from '../auth/secret-token.ts';
import { AccordError } from '@accord/protocol/errors';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditRepository } from '../workshops/audit.repository.ts';
import type { Participant } from '../workshops/participant.repository.ts';
import type { WorkshopEvents } from '../workshops/workshop-events.ts';
import { ballotState, votesVisible, workshopBallots } from './ballot-view.ts';
import {
  createProposal,
  decide,
  readProposal,
  showBallot,
  withdraw,
  type ActionResult,
  type ProposalFacts,
} from './proposal-actions.ts';
import type { VoteRepository } from './vote.repository.ts';
import { WorkshopTurns } from './workshop-turns.ts';
import { roomFrozen } from '../workshops/room-freeze.ts';

export interface DeliberationServiceDeps {
  readonly votes: VoteRepository;
  readonly audit: AuditRepository;
  readonly registry: RoomRegistry;
  readonly events: WorkshopEvents;
  /** Whether the facilitator froze the room for signing: then proposals are neither made nor decided. */
  readonly isFrozen?: (workshopId: string) => Promise<boolean>;
}

type Value = string | number | boolean | null;

/**
 * Proposals, votes, ballots and decisions: each a role-checked action of one participant (the control plane
 * checks the role first), recorded in the audit trail. Proposals and decisions are written by the server into
 * the workshop's document; votes and ballots are kept in the database, and every client receives only what it
 * may see of them (`ballotState`). One workshop's actions take turns, so a vote cannot slip past a decision.
 */
export class DeliberationService {
  private readonly turns = new WorkshopTurns();

  constructor(private readonly deps: DeliberationServiceDeps) {}

  /** What a participant joining may see of every ballot, with their own votes. */
  ballotsFor(actor: Participant): ReturnType<typeof workshopBallots> {
    return workshopBallots(this.deps.votes, actor.workshopId, actor.id);
  }

  async propose(
    actor: Participant,
    input: { field: string; value: Value; reason: string; ballot?: BallotMode | undefined },
  ): Promise<string> {
    if (input.ballot !== undefined && actor.role !== 'facilitator') {
      throw new AccordError('forbidden', 'only the facilitator chooses between an open and a blind vote');
    }
    const ballot = input.ballot ?? 'open';
    const id = `prop-${randomId(10)}`;
    return this.turns.run(actor.workshopId, async () => {
      // The ballot is on record before anyone can see the proposal, so no vote can be cast under another one.
      if (ballot === 'blind') await this.deps.votes.setMode(actor.workshopId, id, ballot);
      try {
        await this.change(actor, (doc) =>
          createProposal(doc, {
            id,
            field: input.field,
            value: input.value,
            reason: input.reason,
            proposedBy: actor.name,
            createdAt: new Date().toISOString(),
            ballot,
          }),
        );
      } catch (error) {
        await this.deps.votes.forgetBallot(actor.workshopId, id);
        throw error;
      }
      await this.deps.audit.record(actor.workshopId, 'proposal.created', actor, {
        proposalId: id,
        field: input.field,
        value: input.value,
        ballot,
      });
      return id;
    });
  }

  /** The voter is always the sender; voting again replaces their vote, `null` takes it back. */
  async vote(actor: Participant, input: { proposalId: string; choice: 'for' | 'against' | null }): Promise<void> {
    await this.turns.run(actor.workshopId, async () => {
      await this.openProposal(actor.workshopId, input.proposalId);
      const ballot = await this.deps.votes.ballot(actor.workshopId, input.proposalId);
      if (ballot.revealed)
        throw new AccordError('revealed', 'the votes on this proposal have been revealed: voting on it is closed');
      if (input.choice === null) {
        if (!(await this.deps.votes.retract(actor.workshopId, input.proposalId, actor.id))) {
          throw new AccordError('no_vote', 'you have not voted on this proposal');
        }
      } else if (!(await this.deps.votes.cast(actor.workshopId, input.proposalId, actor, input.choice))) {
        throw new AccordError('revealed', 'the votes on this proposal have been revealed: voting on it is closed');
      }
      // The audit trail is readable by every participant: a blind vote's choice enters it at the reveal.
      await this.deps.audit.record(
        actor.workshopId,
        'proposal.voted',
        actor,
        votesVisible(ballot)
          ? { proposalId: input.proposalId, choice: input.choice }
          : { proposalId: input.proposalId, ballot: 'blind', retracted: input.choice === null },
      );
      this.deps.events.emit('voteRecorded', actor.workshopId, {
        participantId: actor.id,
        proposalId: input.proposalId,
        choice: input.choice,
      });
      await this.announce(actor.workshopId, input.proposalId);
    });
  }

  /** The facilitator's choice of an open or a blind vote, possible until the first vote is cast. */
  async chooseBallot(actor: Participant, input: { proposalId: string; ballot: BallotMode }): Promise<void> {
    await this.turns.run(actor.workshopId, async () => {
      await this.openProposal(actor.workshopId, input.proposalId);
      if (!(await this.deps.votes.setMode(actor.workshopId, input.proposalId, input.ballot))) {
        throw new AccordError(
          'votes_cast',
          'votes have been cast on this proposal: choose open or blind voting before the first vote',
        );
      }
      await this.change(actor, (doc) => showBallot(doc, { proposalId: input.proposalId, ballot: input.ballot }));
      await this.deps.audit.record(actor.workshopId, 'proposal.ballot', actor, {
        proposalId: input.proposalId,
        ballot: input.ballot,
      });
      await this.announce(actor.workshopId, input.proposalId);
    });
  }

  /** The facilitator shows everyone a blind ballot's votes; the audit trail records them from then on. */
  async reveal(actor: Participant, proposalId: string): Promise<void> {
    await this.turns.run(actor.workshopId, async () => {
      if (!(await this.proposal(actor.workshopId, proposalId)))
        throw new AccordError('not_found', `no proposal with id "${proposalId}"`);
      await this.revealBallot(actor, proposalId);
      await this.change(actor, (doc) => showBallot(doc, { proposalId, revealed: true }));
      await this.announce(actor.workshopId, proposalId);
    });
  }

  async withdraw(actor: Participant, proposalId: string): Promise<void> {
    await this.turns.run(actor.workshopId, async () => {
      await this.change(actor, (doc) =>
        withdraw(doc, { proposalId, by: actor.name, facilitator: actor.role === 'facilitator' }),
      );
      await this.deps.audit.record(actor.workshopId, 'proposal.withdrawn', actor, { proposalId });
    });
  }

  /** The facilitator's decision; deciding a blind ballot reveals its votes first. */
  async decide(
    actor: Participant,
    input: { proposalId: string; outcome: 'accepted' | 'rejected'; note: string },
  ): Promise<string> {
    const decisionId = `dec-${randomId(10)}`;
    return this.turns.run(actor.workshopId, async () => {
      const ballot = await this.deps.votes.ballot(actor.workshopId, input.proposalId);
      const reveal = ballot.mode === 'blind' && !ballot.revealed;
      const result = await this.change(actor, (doc) =>
        decide(doc, { ...input, decidedBy: actor.name, decidedAt: new Date().toISOString(), decisionId, reveal }),
      );
      if (reveal) await this.revealBallot(actor, input.proposalId);
      await this.deps.audit.record(
        actor.workshopId,
        input.outcome === 'accepted' ? 'proposal.accepted' : 'proposal.rejected',
        actor,
        { ...input, field: result.field, decisionId },
      );
      this.deps.events.emit('decisionRecorded', actor.workshopId, {
        proposalId: input.proposalId,
        field: result.field ?? '',
        outcome: input.outcome,
        decidedBy: actor.name,
      });
      if (reveal) await this.announce(actor.workshopId, input.proposalId);
      return decisionId;
    });
  }

  private async revealBallot(actor: Participant, proposalId: string): Promise<void> {
    if (!(await this.deps.votes.reveal(actor.workshopId, proposalId))) {
      const ballot = await this.deps.votes.ballot(actor.workshopId, proposalId);
      throw new AccordError(
        ballot.mode === 'open' ? 'not_blind' : 'revealed',
        ballot.mode === 'open'
          ? 'this proposal is voted on openly: its votes are already visible'
          : 'the votes on this proposal have already been revealed',
      );
    }
    const votes = await this.deps.votes.forProposal(actor.workshopId, proposalId);
    await this.deps.audit.record(actor.workshopId, 'proposal.revealed', actor, {
      proposalId,
      votes: votes.map((v) => ({ voter: v.voter, choice: v.choice })),
    });
  }

  /** Tells everyone what they may now see of a proposal's votes. */
  private async announce(workshopId: string, proposalId: string): Promise<void> {
    const [ballot, votes] = await Promise.all([
      this.deps.votes.ballot(workshopId, proposalId),
      this.deps.votes.forProposal(workshopId, proposalId),
    ]);
    this.deps.events.emit('votesChanged', workshopId, ballotState(proposalId, ballot, votes));
  }

  private proposal(workshopId: string, proposalId: string): Promise<ProposalFacts | undefined> {
    return this.deps.registry.withRoom(workshopId, (room) => readProposal(room.doc, proposalId));
  }

  private async openProposal(workshopId: string, proposalId: string): Promise<ProposalFacts> {
    const proposal = await this.proposal(workshopId, proposalId);
    if (!proposal) throw new AccordError('not_found', `no proposal with id "${proposalId}"`);
    if (proposal.status !== 'open')
      throw new AccordError('closed', `proposal "${proposalId}" is ${proposal.status}, not open`);
    return proposal;
  }

  private async change(actor: Participant, action: (doc: Y.Doc) => ActionResult): Promise<ActionResult> {
    if (await this.deps.isFrozen?.(actor.workshopId)) throw roomFrozen();
    const result = await this.deps.registry.withRoom(actor.workshopId, (room) => room.applyServerChange(action));
    if (result.ok) return result;
    throw new AccordError(result.error === 'unknown-item' ? 'not_found' : 'invalid_field', result.message);
  }
}
