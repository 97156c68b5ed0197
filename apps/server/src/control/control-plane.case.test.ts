import { TEST_DIALECTS } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import { fieldValue } from '@accord/core/ydoc';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, next, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, rawSocket, waitFor, type TestClient } from '../test/yjs-client.ts';

describe.each(TEST_DIALECTS)('control plane on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  const people: Record<'facilitator' | 'stakeholder' | 'sponsor' | 'observer', { id: string; token: string }> =
    {} as never;
  const open: (() => void)[] = [];
  const control = async (role: keyof typeof people): Promise<ControlClient> => {
    const client = connectControl(t.url, workshopId, people[role].token);
    open.push(() => client.disconnect());
    await sessionState(client);
    return client;
  };
  const yjs = (role: keyof typeof people): TestClient => {
    const client = connectClient(t.yjsUrl, workshopId, people[role].token);
    open.push(() => client.destroy());
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    workshopId = await t.createWorkshop('messaging');
    for (const role of ['facilitator', 'stakeholder', 'sponsor', 'observer'] as const)
      people[role] = await t.join(workshopId, role, `${role} person`);
  });
  afterEach(() => {
    for (const close of open.splice(0)) close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a late joiner the current phase, timer and roster with who is online', async () => {
    const facilitator = await control('facilitator');
    expect(await send(facilitator, 'phase:set', { phase: 'recovery' })).toEqual({ ok: true });
    expect(await send(facilitator, 'timer:start', { durationSeconds: 600 })).toEqual({ ok: true });
    const late = connectControl(t.url, workshopId, people.observer.token);
    open.push(() => late.disconnect());
    const state = await sessionState(late);
    expect(state.phase).toBe('recovery');
    expect(state.timer.endsAtMs).toBeGreaterThan(Date.now() + 590_000);
    expect(state.you).toMatchObject({ role: 'observer', name: 'observer person' });
    expect(state.roster.find((p) => p.role === 'facilitator')?.online).toBe(true);
    expect(state.roster.find((p) => p.role === 'sponsor')?.online).toBe(false);
  });

  it('moves everyone when the facilitator changes the phase, and refuses anyone else', async () => {
    const facilitator = await control('facilitator');
    const stakeholder = await control('stakeholder');
    const heard = next(stakeholder, 'phase');
    await send(facilitator, 'phase:set', { phase: 'support' });
    expect(await heard).toEqual({ phase: 'support', changedBy: 'facilitator person' });
    for (const role of ['stakeholder', 'sponsor', 'observer'] as const) {
      const client = role === 'stakeholder' ? stakeholder : await control(role);
      expect(await send(client, 'phase:set', { phase: 'scope' })).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(client, 'timer:stop', {})).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await send(client, 'proposal:decide', { proposalId: 'x', outcome: 'accepted' })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
  });

  it('names the field of a malformed payload and changes nothing', async () => {
    const facilitator = await control('facilitator');
    const bad = await send(facilitator, 'phase:set', { phase: 'lunch' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_payload' });
    expect(bad.ok ? '' : bad.error).toMatch(/^phase: /);
    expect(await send(facilitator, 'timer:start', 'ten minutes')).toMatchObject({ ok: false, code: 'invalid_payload' });
    expect(
      await send(facilitator, 'proposal:create', { field: '/functions/x', value: { nested: true } }),
    ).toMatchObject({ ok: false, code: 'invalid_payload' });
  });

  it('refuses a connection without a valid session, to a workshop that exists or not alike, with a typed code', async () => {
    const intruder = connectControl(t.url, workshopId, 'p_wrong.aaaaaaaaaaaaaaaaaaaaaaaa');
    open.push(() => intruder.disconnect());
    await expect(sessionState(intruder)).rejects.toMatchObject({
      message: expect.stringMatching(/not signed in/),
      data: { code: 'unauthenticated' },
    });
    const lost = connectControl(t.url, 'nosuchworkshop', people.stakeholder.token);
    open.push(() => lost.disconnect());
    // Whether the workshop exists is not told to a socket without a session (no enumeration of workshops).
    await expect(sessionState(lost)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
  });

  it('runs a proposal from a sponsor through votes to the facilitator accepting it into the document', async () => {
    const reader = yjs('observer');
    await reader.synced();
    const sponsor = await control('sponsor');
    const stakeholder = await control('stakeholder');
    const facilitator = await control('facilitator');
    const field = '/functions/webmail/availability/targetPercent';
    const created = await send(sponsor, 'proposal:create', { field, value: 99.95, reason: 'Field staff need it' });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.id ?? '') : '';
    expect(await send(stakeholder, 'proposal:vote', { proposalId: id, choice: 'for' })).toEqual({ ok: true });
    expect(await send(sponsor, 'proposal:vote', { proposalId: id, choice: 'against' })).toEqual({ ok: true });
    expect(await send(await control('observer'), 'proposal:vote', { proposalId: id, choice: 'for' })).toMatchObject({
      code: 'forbidden',
    });
    const recorded = await t.app.database.db
      .selectFrom('votes')
      .select(['voter_name', 'choice'])
      .where('proposal_id', '=', id)
      .orderBy('voter_name')
      .execute();
    expect(recorded).toEqual([
      { voter_name: 'sponsor person', choice: 'against' },
      { voter_name: 'stakeholder person', choice: 'for' },
    ]);
    // Votes are the server's record: the shared document never holds them.
    await waitFor(() => fieldValue(reader.doc, `/proposals/${id}/status`) === 'open', 5000, 'the proposal in the doc');
    expect(JSON.stringify(reader.doc.getMap('requirements').toJSON())).not.toMatch(/"votes"/);
    const refusedValue = await send(sponsor, 'proposal:create', { field, value: 'high', reason: '' });
    expect(refusedValue).toMatchObject({ ok: false, code: 'invalid_field' });

    const decided = next(stakeholder, 'decision:recorded');
    expect(
      await send(facilitator, 'proposal:decide', { proposalId: id, outcome: 'accepted', note: 'Agreed in the room' }),
    ).toMatchObject({ ok: true });
    expect(await decided).toMatchObject({ proposalId: id, field, outcome: 'accepted' });
    await waitFor(() => fieldValue(reader.doc, field) === 99.95, 5000, 'accepted value in the doc');
    expect(fieldValue(reader.doc, `/proposals/${id}/status`)).toBe('accepted');
    const decisions = Object.values(
      (fieldValue(reader.doc, '/decisions') ?? {}) as Record<string, { proposalId?: string }>,
    );
    expect(decisions.some((d) => d.proposalId === id)).toBe(true);
    expect(await send(facilitator, 'proposal:decide', { proposalId: id, outcome: 'accepted' })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('disconnects a revoked participant from socket.io and Yjs within a second', async () => {
    const victim = await t.join(workshopId, 'stakeholder', 'Soon gone');
    const socket = connectControl(t.url, workshopId, victim.token);
    open.push(() => socket.disconnect());
    await sessionState(socket);
    const ws = rawSocket(t.yjsUrl, workshopId, victim.token);
    await ws.opened;
    const revokedEvent = next(socket, 'revoked');
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const started = Date.now();
    const response = await fetch(`${t.url}/api/workshops/${workshopId}/participants/${victim.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${people.facilitator.token}` },
    });
    expect(response.status).toBe(204);
    await Promise.all([revokedEvent, disconnected]);
    expect((await ws.closed).code).toBe(CLOSE.revoked.code);
    expect(Date.now() - started).toBeLessThan(1000);
    const again = rawSocket(t.yjsUrl, workshopId, victim.token);
    expect((await again.closed).code).toBe(CLOSE.unauthorized.code);
  });
});
