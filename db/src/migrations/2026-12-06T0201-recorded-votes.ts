import { sql, type Kysely } from 'kysely';

// Frozen: migrations never import application code and never change once released.
// Votes leave the shared Yjs document: everything there reaches every client, so a blind ballot could not stay
// blind, and any client could write votes there. The server records each participant's one vote per proposal
// here, and the facilitator's choice of an open or blind ballot (and when it was revealed) beside it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('proposal_ballots')
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('revealed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('proposal_ballots_pk', ['workshop_id', 'proposal_id'])
    .execute();

  await db.schema
    .createTable('votes')
    .addColumn('workshop_id', 'text', (c) => c.notNull().references('workshops.id').onDelete('cascade'))
    .addColumn('proposal_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull().references('participants.id'))
    .addColumn('voter_name', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('cast_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One vote per person per proposal: voting again replaces it.
    .addPrimaryKeyConstraint('votes_pk', ['workshop_id', 'proposal_id', 'participant_id'])
    .execute();

  // Votes cast before this release were recorded by the server's vote action in the audit trail (the copy in
  // the document could have been written by any client): each voter's last entry per proposal is their vote.
  await sql`
    INSERT INTO votes (workshop_id, proposal_id, participant_id, voter_name, choice, cast_at)
    SELECT workshop_id, proposal_id, actor_id, actor_name, choice, created_at FROM (
      SELECT DISTINCT ON (a.workshop_id, (a.data::jsonb ->> 'proposalId'), a.actor_id)
        a.workshop_id, a.data::jsonb ->> 'proposalId' AS proposal_id, a.actor_id, a.actor_name,
        a.data::jsonb ->> 'choice' AS choice, a.created_at
      FROM audit_events a
      JOIN participants p ON p.id = a.actor_id
      WHERE a.kind = 'proposal.voted' AND a.data::jsonb ->> 'proposalId' IS NOT NULL
      ORDER BY a.workshop_id, (a.data::jsonb ->> 'proposalId'), a.actor_id, a.id DESC
    ) AS latest
    WHERE choice IN ('for', 'against')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('votes').execute();
  await db.schema.dropTable('proposal_ballots').execute();
}
