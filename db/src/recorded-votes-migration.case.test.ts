import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as recordedVotes from './migrations/2026-12-06T0201-recorded-votes.ts';
import { openTestDatabase, TEST_DIALECTS } from './test-databases.ts';

describe.each(TEST_DIALECTS)('recorded votes migration on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.close();
  });

  it('takes each voter’s last vote per proposal from the audit trail, and one vote per person only', async () => {
    const db = database.db as unknown as Kysely<unknown>;
    await recordedVotes.down(db);
    await database.db.insertInto('workshops').values({ id: 'w-votes', title: 'Votes' }).execute();
    const person = (id: string, name: string) => ({
      id,
      workshop_id: 'w-votes',
      name,
      role: 'stakeholder',
      secret_hash: 'x',
    });
    await database.db
      .insertInto('participants')
      .values([person('p1', 'Sam'), person('p2', 'Kim'), person('p3', 'Lee')])
      .execute();
    const voted = (actor: string | null, name: string, data: Record<string, unknown>) => ({
      workshop_id: 'w-votes',
      kind: 'proposal.voted',
      actor_id: actor,
      actor_name: name,
      data: JSON.stringify(data),
    });
    await database.db
      .insertInto('audit_events')
      .values([
        voted('p1', 'Sam', { proposalId: 'a', choice: 'for' }),
        voted('p1', 'Sam', { proposalId: 'a', choice: 'against' }),
        voted('p2', 'Kim', { proposalId: 'a', choice: 'for' }),
        voted('p2', 'Kim', { proposalId: 'a', choice: null }),
        voted('p3', 'Lee', { proposalId: 'b', choice: 'for' }),
        voted('gone', 'Ghost', { proposalId: 'b', choice: 'for' }),
        {
          workshop_id: 'w-votes',
          kind: 'proposal.created',
          actor_id: 'p3',
          actor_name: 'Lee',
          data: JSON.stringify({ proposalId: 'b', choice: 'for' }),
        },
      ])
      .execute();
    await recordedVotes.up(db);
    const rows = await database.db
      .selectFrom('votes')
      .select(['proposal_id', 'voter_name', 'choice'])
      .where('workshop_id', '=', 'w-votes')
      .orderBy('proposal_id')
      .orderBy('voter_name')
      .execute();
    expect(rows).toEqual([
      { proposal_id: 'a', voter_name: 'Sam', choice: 'against' },
      { proposal_id: 'b', voter_name: 'Lee', choice: 'for' },
    ]);
    await expect(
      database.db
        .insertInto('votes')
        .values({ workshop_id: 'w-votes', proposal_id: 'a', participant_id: 'p1', voter_name: 'Sam', choice: 'for' })
        .execute(),
    ).rejects.toThrow();
  });
});
