import type { Database } from '@accord/db/schema';
import type { Kysely } from 'kysely';

export type Choice = 'for' | 'against';
export type BallotMode = 'open' | 'blind';

/** A vote as the server recorded it: who cast it (by participant id and the name they had), and which way. */
export interface RecordedVote {
  readonly participantId: string;
  readonly voter: string;
  readonly choice: Choice;
}

/** How a proposal is voted on; a proposal without a stored ballot is open. */
export interface Ballot {
  readonly mode: BallotMode;
  readonly revealed: boolean;
}

export const OPEN_BALLOT: Ballot = { mode: 'open', revealed: false };

/**
 * The votes of a workshop's proposals and each proposal's ballot (open or blind, revealed or not). They are
 * kept here and never in the shared document, which every client receives whole.
 */
export class VoteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async ballot(workshopId: string, proposalId: string): Promise<Ballot> {
    const row = await this.db
      .selectFrom('proposal_ballots')
      .select(['mode', 'revealed_at'])
      .where('workshop_id', '=', workshopId)
      .where('proposal_id', '=', proposalId)
      .executeTakeFirst();
    return row ? { mode: row.mode, revealed: row.revealed_at !== null } : OPEN_BALLOT;
  }

  /** Every stored ballot of a workshop, by proposal id. */
  async ballots(workshopId: string): Promise<Map<string, Ballot>> {
    const rows = await this.db
      .selectFrom('proposal_ballots')
      .select(['proposal_id', 'mode', 'revealed_at'])
      .where('workshop_id', '=', workshopId)
      .execute();
    return new Map(rows.map((row) => [row.proposal_id, { mode: row.mode, revealed: row.revealed_at !== null }]));
  }

  /**
   * Chooses open or blind voting; false once anyone has voted (checked in the same statement, so a vote on
   * another node cannot slip in first and then be hidden or shown against the voter's expectation).
   */
  async setMode(workshopId: string, proposalId: string, mode: BallotMode): Promise<boolean> {
    const result = await this.db
      .insertInto('proposal_ballots')
      .columns(['workshop_id', 'proposal_id', 'mode'])
      .expression(
        this.db
          .selectNoFrom((eb) => [
            eb.val(workshopId).as('workshop_id'),
            eb.val(proposalId).as('proposal_id'),
            eb.val(mode).as('mode'),
          ])
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('votes')
                  .select('proposal_id')
                  .where('workshop_id', '=', workshopId)
                  .where('proposal_id', '=', proposalId),
              ),
            ),
          ),
      )
      .onConflict((c) => c.columns(['workshop_id', 'proposal_id']).doUpdateSet({ mode }))
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Drops the ballot of a proposal that was never made (its creation was refused). */
  async forgetBallot(workshopId: string, proposalId: string): Promise<void> {
    await this.db
      .deleteFrom('proposal_ballots')
      .where('workshop_id', '=', workshopId)
      .where('proposal_id', '=', proposalId)
      .execute();
  }

  /** Marks a blind ballot revealed; false when it was not blind or was already revealed. */
  async reveal(workshopId: string, proposalId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('proposal_ballots')
      .set({ revealed_at: new Date() })
      .where('workshop_id', '=', workshopId)
      .where('proposal_id', '=', proposalId)
      .where('mode', '=', 'blind')
      .where('revealed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Records a participant's vote, replacing any earlier one of theirs: nobody has two votes on a proposal.
   * False when the ballot was revealed meanwhile (checked in the same statement, so a reveal on another node
   * cannot let a vote in after it).
   */
  async cast(
    workshopId: string,
    proposalId: string,
    voter: { id: string; name: string },
    choice: Choice,
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('votes')
      .columns(['workshop_id', 'proposal_id', 'participant_id', 'voter_name', 'choice'])
      .expression(
        this.db
          .selectNoFrom((eb) => [
            eb.val(workshopId).as('workshop_id'),
            eb.val(proposalId).as('proposal_id'),
            eb.val(voter.id).as('participant_id'),
            eb.val(voter.name).as('voter_name'),
            eb.val(choice).as('choice'),
          ])
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('proposal_ballots')
                  .select('proposal_id')
                  .where('workshop_id', '=', workshopId)
                  .where('proposal_id', '=', proposalId)
                  .where('revealed_at', 'is not', null),
              ),
            ),
          ),
      )
      .onConflict((c) =>
        c
          .columns(['workshop_id', 'proposal_id', 'participant_id'])
          .doUpdateSet({ choice, voter_name: voter.name, cast_at: new Date() }),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Takes a participant's vote back; false when they had none. */
  async retract(workshopId: string, proposalId: string, participantId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('votes')
      .where('workshop_id', '=', workshopId)
      .where('proposal_id', '=', proposalId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The votes on one proposal, by voter name. */
  async forProposal(workshopId: string, proposalId: string): Promise<RecordedVote[]> {
    const rows = await this.db
      .selectFrom('votes')
      .select(['participant_id', 'voter_name', 'choice'])
      .where('workshop_id', '=', workshopId)
      .where('proposal_id', '=', proposalId)
      .orderBy('voter_name')
      .orderBy('participant_id')
      .execute();
    return rows.map((row) => ({ participantId: row.participant_id, voter: row.voter_name, choice: row.choice }));
  }

  /** Every vote of a workshop, by proposal id, each list by voter name. */
  async forWorkshop(workshopId: string): Promise<Map<string, RecordedVote[]>> {
    const rows = await this.db
      .selectFrom('votes')
      .select(['proposal_id', 'participant_id', 'voter_name', 'choice'])
      .where('workshop_id', '=', workshopId)
      .orderBy('proposal_id')
      .orderBy('voter_name')
      .orderBy('participant_id')
      .execute();
    const byProposal = new Map<string, RecordedVote[]>();
    for (const row of rows) {
      const list = byProposal.get(row.proposal_id) ?? [];
      list.push({ participantId: row.participant_id, voter: row.voter_name, choice: row.choice });
      byProposal.set(row.proposal_id, list);
    }
    return byProposal;
  }
}
