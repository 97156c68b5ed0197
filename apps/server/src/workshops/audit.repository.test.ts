import { TEST_DIALECTS } from '@accord/db/test-databases';
import { openWithTwoWorkshops } from '../test/workshop-rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepository } from './audit.repository.ts';

describe.each(TEST_DIALECTS)('the latest audit entries of a kind on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openWithTwoWorkshops>>;
  let audit: AuditRepository;
  const ann = { id: null, name: 'Ann' };
  const bo = { id: null, name: 'Bo' };

  beforeAll(async () => {
    database = await openWithTwoWorkshops(dialect);
    audit = new AuditRepository(database.db);
    await audit.record('w1', 'phase.changed', ann, { phase: 'scope' });
    await audit.record('w1', 'proposal.accepted', ann, { proposalId: 'p1' });
    await audit.record('w1', 'proposal.created', bo, { proposalId: 'p2' });
    await audit.record('w1', 'phase.changed', bo, { phase: 'review' });
    await audit.record('w1', 'proposal.rejected', bo, { proposalId: 'p2' });
    await audit.record('w1', 'proposal.accepted', bo, { proposalId: 'p3' });
    await audit.record('w2', 'phase.changed', ann, { phase: 'scope' });
    await audit.record('w2', 'proposal.accepted', ann, { proposalId: 'other' });
  });
  afterAll(async () => {
    await database.close();
  });

  it('names who made the latest entry of a kind in that workshop, or no one', async () => {
    expect(await audit.latestActor('w1', 'phase.changed')).toBe('Bo');
    expect(await audit.latestActor('w2', 'phase.changed')).toBe('Ann');
    expect(await audit.latestActor('w1', 'timer.started')).toBeUndefined();
  });

  it('keeps the latest entries of the asked kinds, oldest first, from that workshop only', async () => {
    const decisions = ['proposal.accepted', 'proposal.rejected'] as const;
    expect(await audit.latestOfKinds('w1', decisions, 10)).toEqual([
      { kind: 'proposal.accepted', actorName: 'Ann', data: JSON.stringify({ proposalId: 'p1' }) },
      { kind: 'proposal.rejected', actorName: 'Bo', data: JSON.stringify({ proposalId: 'p2' }) },
      { kind: 'proposal.accepted', actorName: 'Bo', data: JSON.stringify({ proposalId: 'p3' }) },
    ]);
    expect((await audit.latestOfKinds('w1', decisions, 2)).map((entry) => entry.data)).toEqual([
      JSON.stringify({ proposalId: 'p2' }),
      JSON.stringify({ proposalId: 'p3' }),
    ]);
    expect(await audit.latestOfKinds('w1', [], 10)).toEqual([]);
  });
});
