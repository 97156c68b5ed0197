import { scratch } from '../test/scratch-map.ts';
import { ONE_DIALECT } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import type { SessionResponse } from '@accord/protocol/api';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../test/api-client.ts';
import { connectControl, sessionState } from '../test/control-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { fixedWait } from '../test/waits.ts';
import { connectClient, metricValue, rawSocket, waitFor } from '../test/yjs-client.ts';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from '../sync/protocol.ts';

const XSS =
  '<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))![y](http://evil.example/t.png)\n---\nkey: "value"\n# heading';

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

describe.each(ONE_DIALECT)('abuse at every door on $name', (dialect) => {
  let t: TestApp;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    call = apiClient(t.url);
  });
  afterAll(async () => {
    await t.close();
  });

  it('closes a connection that floods frames with a reconnect-later code, and keeps serving its neighbours', async () => {
    const workshopId = await t.createWorkshop('blank');
    const neighbour = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await neighbour.synced();
    const flood = rawSocket(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await flood.opened;
    const query = encoding.createEncoder();
    encoding.writeVarUint(query, MESSAGE_QUERY_AWARENESS);
    for (let i = 0; i < 1000; i += 1) flood.socket.send(encoding.toUint8Array(query));
    expect((await flood.closed).code).toBe(CLOSE.tooManyMessages.code);
    scratch(neighbour.doc, 'm').set('after-flood', true);
    await neighbour.saved();
    neighbour.destroy();
  });

  it('lets go of a client that keeps asking for the whole document', async () => {
    const workshopId = await t.createWorkshop('messaging');
    const asker = rawSocket(t.yjsUrl, workshopId, (await t.join(workshopId, 'observer')).token);
    await asker.opened;
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Uint8Array.of(1, 77, 0));
    for (let i = 0; i < 40; i += 1) asker.socket.send(encoding.toUint8Array(step1));
    expect((await asker.closed).code).toBe(CLOSE.tooManyMessages.code);
  });

  it('drops an awareness flood instead of relaying it to everyone', async () => {
    const workshopId = await t.createWorkshop('blank');
    const listener = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'observer')).token);
    await listener.synced();
    let heard = 0;
    listener.provider.awareness.on('update', () => {
      heard += 1;
    });
    const flooder = rawSocket(t.yjsUrl, workshopId, (await t.join(workshopId, 'observer')).token);
    await flooder.opened;
    for (let clock = 1; clock <= 150; clock += 1)
      flooder.socket.send(awarenessFrame(4242, clock, { editing: `/meta/title`, n: clock }));
    await waitFor(() => heard > 0, 5000, 'the first awareness updates');
    // A negative check: the rest of the flood does NOT arrive, in the time it would take to be relayed.
    await fixedWait(300);
    expect(heard).toBeLessThanOrEqual(45);
    expect(await metricValue(t.app.metrics.rejectedFrames)).toBeGreaterThan(0);
    flooder.socket.close();
    listener.destroy();
  });

  it('keeps an official client connected while a crowd moves at once, and shows everyone where they ended', async () => {
    const workshopId = await t.createWorkshop('blank');
    const honest = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await honest.synced();
    const closes: number[] = [];
    honest.provider.on('connection-close', (event: { code: number } | null) => closes.push(event?.code ?? 0));
    // y-websocket sends back every presence change it is relayed: 30 people moving 40 times each would be
    // 1 200 frames from the honest client, three times its frame budget, were changes relayed one by one.
    const crowd = await Promise.all(
      Array.from({ length: 30 }, async () =>
        rawSocket(t.yjsUrl, workshopId, (await t.join(workshopId, 'observer')).token),
      ),
    );
    await Promise.all(crowd.map((c) => c.opened));
    for (let clock = 1; clock <= 40; clock += 1)
      crowd.forEach((c, i) => c.socket.send(awarenessFrame(5000 + i, clock, { editing: '/meta/title', n: clock })));
    const lastMoves = (): number =>
      [...honest.provider.awareness.getStates().values()].filter((state) => state['n'] === 40).length;
    await waitFor(() => lastMoves() === crowd.length, 10_000, "everyone's last move");
    scratch(honest.doc, 'after').set('still', 'here');
    await honest.saved();
    expect(closes).toEqual([]);
    expect(honest.provider.wsconnected).toBe(true);
    for (const c of crowd) c.socket.close();
    honest.destroy();
  });

  it('refuses a valid session of one workshop at every door of another', async () => {
    const mine = await t.createWorkshop('blank');
    const theirs = await t.createWorkshop('blank');
    const { token } = await t.join(mine, 'facilitator');
    expect((await call('GET', `/api/workshops/${theirs}`, { token })).status).toBe(401);
    expect((await call('POST', `/api/workshops/${theirs}/versions`, { token })).status).toBe(401);
    expect((await rawSocket(t.yjsUrl, theirs, token).closed).code).toBe(CLOSE.unauthorized.code);
    const socket = connectControl(t.url, theirs, token);
    await expect(sessionState(socket)).rejects.toThrow(/not signed in/);
    socket.disconnect();
  });

  it('keeps participant text inert in every export and document', async () => {
    const created = await call<SessionResponse>('POST', '/api/workshops', {
      body: { template: 'messaging', facilitatorName: XSS.slice(0, 60) },
    });
    const { token } = created.body;
    const workshopId = created.body.workshop.id;
    const yaml = await call<string>('GET', `/api/workshops/${workshopId}/requirements`, { token });
    const hostile = yaml.body
      .replace('title: Messaging platform SLA workshop', `title: ${JSON.stringify(XSS)}`)
      .replace(/rationale: Order confirmations[^\n]*/, `rationale: ${JSON.stringify(XSS)}`);
    expect(
      (await call('PUT', `/api/workshops/${workshopId}/requirements`, { token, body: { requirementsText: hostile } }))
        .status,
    ).toBe(200);
    const roundTrip = await call<{ meta: { title: string } }>(
      'GET',
      `/api/workshops/${workshopId}/requirements?format=json`,
      { token },
    );
    expect(roundTrip.body.meta.title).toBe(XSS);
    const version = await call<{ number: number }>('POST', `/api/workshops/${workshopId}/versions`, { token });
    const html = await (
      await fetch(`${t.url}/api/workshops/${workshopId}/versions/${version.body.number}/document.html`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toMatch(/href="javascript:/i);
    const md = await (
      await fetch(`${t.url}/api/workshops/${workshopId}/versions/${version.body.number}/document.md`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text();
    expect(md).not.toContain('](javascript:');
    expect(md).not.toContain('![y](');
    expect(md).not.toContain('<script>');
    const openslo = await (
      await fetch(`${t.url}/api/workshops/${workshopId}/versions/${version.body.number}/document.openslo`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).text();
    const { parseAllDocuments } = await import('yaml');
    const docs = parseAllDocuments(openslo);
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    expect(docs.map((d) => (d.toJS() as { kind: string }).kind)).toContain('Service');
  });
});
