import { sql } from 'kysely';
import type { AccordApp } from '../app.ts';

/**
 * What a request could change, in one comparable string: row counts of every table, each workshop's
 * sequence counter and phase, invites and participants revoked, every vote and ballot. A rejected request
 * must leave it equal.
 *
 * One statement rather than one per part: the fuzz suites take a snapshot before and after each of hundreds
 * of requests, and each statement costs the embedded database a fixed few tenths of a millisecond of CPU
 * however little it reads (about 5 ms for twelve statements against under 2 ms for one). One statement
 * also reads one consistent state where separate ones could straddle a write.
 */
export async function stateSnapshot(app: AccordApp): Promise<string> {
  const { rows } = await sql<Record<string, unknown>>`
    select
      (select count(*)::int from workshops) as workshops,
      (select count(*)::int from invites) as invites,
      (select count(*)::int from participants) as participants,
      (select count(*)::int from versions) as versions,
      (select count(*)::int from signatures) as signatures,
      (select count(*)::int from audit_events) as audit,
      (select count(*)::int from yjs_updates) as updates,
      (select coalesce(json_agg(w order by w.id), '[]')
        from (select id, last_seq, phase, timer_duration_s from workshops) w) as rows,
      (select coalesce(json_agg(i.id order by i.id), '[]')
        from invites i where i.revoked_at is not null) as revoked_invites,
      (select coalesce(json_agg(p.id order by p.id), '[]')
        from participants p where p.revoked_at is not null) as revoked_people,
      (select coalesce(json_agg(v order by v.workshop_id, v.proposal_id, v.participant_id), '[]')
        from (select workshop_id, proposal_id, participant_id, choice from votes) v) as votes,
      (select coalesce(json_agg(b order by b.workshop_id, b.proposal_id), '[]')
        from (select workshop_id, proposal_id, mode, revealed_at from proposal_ballots) b) as ballots
  `.execute(app.database.db);
  return JSON.stringify(rows[0]);
}
