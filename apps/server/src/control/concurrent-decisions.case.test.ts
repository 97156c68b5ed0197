import { TEST_DIALECTS } from '@accord/db/test-databases';
import { fieldValue } from '@accord/core/ydoc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectControl, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

describe.each(TEST_DIALECTS)('server-side changes on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  let facilitator: ControlClient;
  const field = '/functions/webmail/availability/targetPercent';

  beforeAll(async () => {
    t = await startTestApp(dialect, { eventsPerTenSeconds: 1000 });
    workshopId = await t.createWorkshop('messaging');
    facilitator = connectControl(t.url, workshopId, (await t.join(workshopId, 'facilitator', 'Fran')).token);
    await sessionState(facilitator);
  });
  afterAll(async () => {
    facilitator.disconnect();
    await t.close();
  });

  it('takes decisions sent at once one after the other: only one of two competing proposals is accepted', async () => {
    const a = await send(facilitator, 'proposal:create', { field, value: 99.6, reason: 'a' });
    const b = await send(facilitator, 'proposal:create', { field, value: 99.7, reason: 'b' });
    const idA = a.ok ? (a.id ?? '') : '';
    const idB = b.ok ? (b.id ?? '') : '';
    const acks = await Promise.all([
      send(facilitator, 'proposal:decide', { proposalId: idA, outcome: 'accepted' }),
      send(facilitator, 'proposal:decide', { proposalId: idB, outcome: 'accepted' }),
      send(facilitator, 'proposal:decide', { proposalId: idA, outcome: 'accepted' }),
    ]);
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    const doc = t.app.registry.peek(workshopId)?.doc ?? new Y.Doc();
    const decisions = Object.values(
      (fieldValue(doc, '/decisions') ?? {}) as Record<string, { proposalId?: string }>,
    ).filter((d) => d.proposalId === idA || d.proposalId === idB);
    expect(decisions).toHaveLength(1);
    expect(fieldValue(doc, field)).toBe(decisions[0]?.proposalId === idA ? 99.6 : 99.7);
    const statuses = [fieldValue(doc, `/proposals/${idA}/status`), fieldValue(doc, `/proposals/${idB}/status`)].sort();
    expect(statuses).toEqual(['accepted', 'rejected']);
  });

  it('leaves the document untouched by votes: they are recorded by the server, not in the doc', async () => {
    const created = await send(facilitator, 'proposal:create', {
      field: '/meta/title',
      value: 'New title',
      reason: '',
    });
    const proposalId = created.ok ? (created.id ?? '') : '';
    const room = t.app.registry.peek(workshopId);
    const before = Y.encodeStateVector(room?.doc ?? new Y.Doc());
    for (let i = 0; i < 20; i += 1) {
      expect(await send(facilitator, 'proposal:vote', { proposalId, choice: i % 2 === 0 ? 'for' : 'against' })).toEqual(
        { ok: true },
      );
    }
    expect(Y.encodeStateVector(room?.doc ?? new Y.Doc())).toEqual(before);
    const votes = await t.app.database.db
      .selectFrom('votes')
      .select('choice')
      .where('proposal_id', '=', proposalId)
      .execute();
    expect(votes).toEqual([{ choice: 'against' }]);
  });
});
