import type { AccordApp } from '../app.ts';

/**
 * What a request could change, in one comparable string: row counts of every table, each workshop's
 * sequence counter and phase, invites and participants revoked, every vote and ballot. A rejected request
 * must leave it equal.
 */
export async function stateSnapshot(app: AccordApp): Promise<string> {
  const db = app.database.db;
  const count = async (
    table: 'workshops' | 'invites' | 'participants' | 'versions' | 'signatures' | 'audit_events' | 'yjs_updates',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const [workshops, invites, participants, versions, signatures, audit, updates] = await Promise.all([
    count('workshops'),
    count('invites'),
    count('participants'),
    count('versions'),
    count('signatures'),
    count('audit_events'),
    count('yjs_updates'),
  ]);
  const rows = await db
    .selectFrom('workshops')
    .select(['id', 'last_seq', 'phase', 'timer_duration_s'])
    .orderBy('id')
    .execute();
  const revokedInvites = await db
    .selectFrom('invites')
    .select('id')
    .where('revoked_at', 'is not', null)
    .orderBy('id')
    .execute();
  const revokedPeople = await db
    .selectFrom('participants')
    .select('id')
    .where('revoked_at', 'is not', null)
    .orderBy('id')
    .execute();
  const votes = await db
    .selectFrom('votes')
    .select(['workshop_id', 'proposal_id', 'participant_id', 'choice'])
    .orderBy('workshop_id')
    .orderBy('proposal_id')
    .orderBy('participant_id')
    .execute();
  const ballots = await db
    .selectFrom('proposal_ballots')
    .select(['workshop_id', 'proposal_id', 'mode', 'revealed_at'])
    .orderBy('workshop_id')
    .orderBy('proposal_id')
    .execute();
  return JSON.stringify({
    workshops,
    invites,
    participants,
    versions,
    signatures,
    audit,
    updates,
    rows,
    revokedInvites,
    revokedPeople,
    votes,
    ballots,
  });
}
