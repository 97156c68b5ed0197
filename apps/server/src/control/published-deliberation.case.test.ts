import { TEST_DIALECTS } from '@accord/db/test-databases';
import type { Requirements } from '@accord/core/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectControl, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

// A published version cites the deliberation the server recorded — the actions' votes and decisions — and
// nothing a document says about votes.
describe.each(TEST_DIALECTS)('the deliberation a version publishes on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  let facilitatorToken = '';
  const clients: ControlClient[] = [];

  const as = async (name: string, role: 'facilitator' | 'stakeholder' | 'sponsor'): Promise<ControlClient> => {
    const person = await t.join(workshopId, role, name);
    if (role === 'facilitator') facilitatorToken = person.token;
    const client = connectControl(t.url, workshopId, person.token);
    clients.push(client);
    await sessionState(client);
    return client;
  };
  const api = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${t.url}/api/workshops/${workshopId}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${facilitatorToken}`, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    t = await startTestApp(dialect, { eventsPerTenSeconds: 10_000 });
    workshopId = await t.createWorkshop('messaging');
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await t.close();
  });

  it('shows the recorded votes and decisions, a hidden blind ballot by its count, and no forged votes', async () => {
    const facilitator = await as('Fran Facil', 'facilitator');
    const stan = await as('Stan Holder', 'stakeholder');
    const spencer = await as('Spencer Sponsor', 'sponsor');
    const id = async (ack: Promise<import('@accord/protocol/events').Ack>): Promise<string> => {
      const result = await ack;
      expect(result.ok).toBe(true);
      return result.ok ? (result.id ?? '') : '';
    };
    const open = await id(
      send(stan, 'proposal:create', {
        field: '/functions/webmail/availability/targetPercent',
        value: 99.95,
        reason: 'Field staff need it',
      }),
    );
    const blind = await id(
      send(facilitator, 'proposal:create', {
        field: '/functions/mobile-sync/availability/targetPercent',
        value: 99.5,
        reason: 'Phones matter',
        ballot: 'blind',
      }),
    );
    const decided = await id(
      send(spencer, 'proposal:create', { field: '/meta/title', value: 'Messaging SLA 2027', reason: 'Clearer' }),
    );
    expect(await send(stan, 'proposal:vote', { proposalId: open, choice: 'for' })).toEqual({ ok: true });
    expect(await send(spencer, 'proposal:vote', { proposalId: open, choice: 'against' })).toEqual({ ok: true });
    expect(await send(stan, 'proposal:vote', { proposalId: blind, choice: 'against' })).toEqual({ ok: true });
    expect(await send(spencer, 'proposal:vote', { proposalId: blind, choice: 'against' })).toEqual({ ok: true });
    expect(await send(stan, 'proposal:vote', { proposalId: decided, choice: 'for' })).toEqual({ ok: true });
    expect(
      await send(facilitator, 'proposal:decide', { proposalId: decided, outcome: 'accepted', note: 'Everyone agreed' }),
    ).toMatchObject({ ok: true });
    // Votes a client once wrote into the document (before the door refused them) are not the record.
    await t.app.registry.withRoom(workshopId, (room) =>
      room.applyServerChange((doc) => {
        const forged = new Y.Map<unknown>();
        forged.set('Mallory', 'for');
        (doc.getMap('requirements').get('proposals') as Y.Map<Y.Map<unknown>>).get(open)?.set('votes', forged);
        return { ok: true };
      }),
    );

    const published = await api('/versions', { method: 'POST' });
    expect(published.status).toBe(201);
    const { number } = (await published.json()) as { number: number };
    const { record } = (await (await api(`/versions/${number}`)).json()) as { record: { requirements: Requirements } };
    const byId = new Map(record.requirements.proposals.map((p) => [p.id, p]));
    expect(byId.get(open)).toMatchObject({
      ballot: 'open',
      votes: [
        { voter: 'Spencer Sponsor', choice: 'against' },
        { voter: 'Stan Holder', choice: 'for' },
      ],
    });
    expect(byId.get(blind)).toMatchObject({ ballot: 'blind', revealed: false, votes: [], votesCast: 2 });
    expect(byId.get(decided)).toMatchObject({ status: 'accepted', votes: [{ voter: 'Stan Holder', choice: 'for' }] });
    expect(record.requirements.decisions).toEqual([
      expect.objectContaining({
        proposalId: decided,
        decidedBy: 'Fran Facil',
        value: 'Messaging SLA 2027',
        note: 'Everyone agreed',
      }),
    ]);

    // Markdown escapes punctuation such as ':'; compare the words.
    const markdown = (await (await api(`/versions/${number}/document.md`)).text()).replace(/\\/g, '');
    expect(markdown).toContain('1 for (Stan Holder); 1 against (Spencer Sponsor)');
    expect(markdown).toContain('blind vote: 2 votes cast, hidden until reveal');
    expect(markdown).toContain('Everyone agreed');
    expect(markdown).not.toContain('Mallory');
    expect(markdown).not.toMatch(/2 against/);

    // Revealing changes what is on record, so the next version cites the blind votes.
    expect(await send(facilitator, 'proposal:reveal', { proposalId: blind })).toEqual({ ok: true });
    const next = await api('/versions', { method: 'POST' });
    expect(next.status).toBe(201);
    const nextNumber = ((await next.json()) as { number: number }).number;
    expect((await (await api(`/versions/${nextNumber}/document.md`)).text()).replace(/\\/g, '')).toContain(
      '2 against (Spencer Sponsor, Stan Holder) (blind vote, revealed)',
    );
  });
});
