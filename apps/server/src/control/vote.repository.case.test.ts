import { openTestDatabase, TEST_DIALECTS } from '@accord/db/test-databases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoteRepository } from './vote.repository.ts';

describe.each(TEST_DIALECTS)('recorded votes on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let votes: VoteRepository;
  const ann = { id: 'p-ann', name: 'Ann' };
  const bo = { id: 'p-bo', name: 'Bo' };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    votes = new VoteRepository(database.db);
    await database.db.insertInto('workshops').values({ id: 'w1', title: 'W' }).execute();
    await database.db
      .insertInto('participants')
      .values([ann, bo].map((p) => ({ ...p, workshop_id: 'w1', role: 'stakeholder', secret_hash: 'x' })))
      .execute();
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps one vote per person, replaced when they vote again, and taken back on request', async () => {
    expect(await votes.cast('w1', 'a', ann, 'for')).toBe(true);
    expect(await votes.cast('w1', 'a', ann, 'against')).toBe(true);
    expect(await votes.cast('w1', 'a', bo, 'for')).toBe(true);
    expect(await votes.forProposal('w1', 'a')).toEqual([
      { participantId: 'p-ann', voter: 'Ann', choice: 'against' },
      { participantId: 'p-bo', voter: 'Bo', choice: 'for' },
    ]);
    expect(await votes.retract('w1', 'a', 'p-bo')).toBe(true);
    expect(await votes.retract('w1', 'a', 'p-bo')).toBe(false);
    expect((await votes.forWorkshop('w1')).get('a')).toHaveLength(1);
  });

  it('takes no vote once a blind ballot is revealed, and reveals only a blind ballot, once', async () => {
    expect(await votes.ballot('w1', 'b')).toEqual({ mode: 'open', revealed: false });
    expect(await votes.reveal('w1', 'b')).toBe(false);
    expect(await votes.setMode('w1', 'b', 'blind')).toBe(true);
    expect(await votes.setMode('w1', 'a', 'blind')).toBe(false);
    expect(await votes.ballot('w1', 'a')).toEqual({ mode: 'open', revealed: false });
    expect(await votes.cast('w1', 'b', ann, 'for')).toBe(true);
    expect(await votes.reveal('w1', 'b')).toBe(true);
    expect(await votes.reveal('w1', 'b')).toBe(false);
    expect(await votes.ballot('w1', 'b')).toEqual({ mode: 'blind', revealed: true });
    expect(await votes.cast('w1', 'b', bo, 'against')).toBe(false);
    expect(await votes.cast('w1', 'b', ann, 'against')).toBe(false);
    expect(await votes.forProposal('w1', 'b')).toEqual([{ participantId: 'p-ann', voter: 'Ann', choice: 'for' }]);
  });
});
