import { readScratchText, scratch, scratchText } from '../test/scratch-map.ts';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startSiblingApp, startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, metricValue, rawSocket, waitFor, type TestClient } from '../test/yjs-client.ts';
import { CLOSE } from '@accord/protocol/close-codes';
import { MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, SYNC_STEP_2, SYNC_UPDATE } from './protocol.ts';

describe.each(TEST_DIALECTS)('Yjs endpoint on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  const clients: TestClient[] = [];
  const connect = (token: string, id = workshopId): TestClient => {
    const client = connectClient(t.yjsUrl, id, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect, { maxMessageBytes: 64 * 1024 });
    workshopId = await t.createWorkshop('messaging');
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await t.close();
  });

  it('converges two official providers, and a late joiner gets the full state', async () => {
    const alice = connect((await t.join(workshopId, 'stakeholder', 'Alice')).token);
    const bob = connect((await t.join(workshopId, 'stakeholder', 'Bob')).token);
    await Promise.all([alice.synced(), bob.synced()]);
    expect(alice.doc.getMap('requirements').get('meta')).toBeInstanceOf(Y.Map);
    scratch(alice.doc, 'notes').set('from-alice', 1);
    scratch(bob.doc, 'notes').set('from-bob', 2);
    await waitFor(
      () => scratch(alice.doc, 'notes').size === 2 && scratch(bob.doc, 'notes').size === 2,
      5000,
      'convergence',
    );
    await Promise.all([alice.saved(), bob.saved()]);
    const late = connect((await t.join(workshopId, 'observer')).token);
    await late.synced();
    await waitFor(() => scratch(late.doc, 'notes').size === 2, 5000, 'late joiner state');
    expect(Y.encodeStateAsUpdate(late.doc)).toEqual(Y.encodeStateAsUpdate(alice.doc));
  });

  it('stores every update it relays: the database holds what peers see', async () => {
    const writer = connect((await t.join(workshopId, 'facilitator')).token);
    await writer.synced();
    for (let i = 0; i < 20; i += 1) scratch(writer.doc, 'notes').set(`k${i}`, i);
    await writer.saved();
    const stored = await t.app.store.load(workshopId);
    const fromDb = new Y.Doc();
    for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
      Y.applyUpdate(fromDb, part);
    expect(scratch(fromDb, 'notes').get('k19')).toBe(19);
  });

  it('tells only the writer that its frames are stored, deletions included', async () => {
    const writer = connect((await t.join(workshopId, 'stakeholder', 'Writer')).token);
    const reader = connect((await t.join(workshopId, 'stakeholder', 'Reader')).token);
    await Promise.all([writer.synced(), reader.synced()]);
    await Promise.all([writer.saved(), reader.saved()]);
    let readerSaved = 0;
    const handlers = (reader.provider as unknown as { messageHandlers: ((...args: unknown[]) => void)[] })
      .messageHandlers;
    const original = handlers[100];
    handlers[100] = (...args: unknown[]) => {
      readerSaved += 1;
      original?.(...args);
    };
    scratchText(writer.doc, 'deletable').insert(0, 'hello world');
    await writer.saved();
    scratchText(writer.doc, 'deletable').delete(0, 6);
    await writer.saved();
    await waitFor(() => readScratchText(reader.doc, 'deletable') === 'world', 5000, 'the deletion relayed');
    const stored = await t.app.store.load(workshopId);
    const fromDb = new Y.Doc();
    for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
      Y.applyUpdate(fromDb, part);
    expect(readScratchText(fromDb, 'deletable')).toBe('world');
    expect(readerSaved).toBe(0);
  });

  it('passes awareness between peers, stamped with the participant the server knows', async () => {
    const carol = connect((await t.join(workshopId, 'stakeholder', 'Carol')).token);
    const dave = connect((await t.join(workshopId, 'stakeholder', 'Dave')).token);
    await Promise.all([carol.synced(), dave.synced()]);
    carol.provider.awareness.setLocalStateField('editing', '/meta/title');
    carol.provider.awareness.setLocalStateField('accord', { name: 'Spoofed Sponsor', role: 'sponsor' });
    await waitFor(
      () => dave.provider.awareness.getStates().get(carol.doc.clientID)?.editing === '/meta/title',
      5000,
      'awareness',
    );
    expect(dave.provider.awareness.getStates().get(carol.doc.clientID)?.accord).toMatchObject({
      name: 'Carol',
      role: 'stakeholder',
    });
  });

  it("refuses an observer's document update: closed with 4403, not applied, relayed, stored or acknowledged", async () => {
    const observer = connect((await t.join(workshopId, 'observer')).token);
    const peer = connect((await t.join(workshopId, 'stakeholder')).token);
    await Promise.all([observer.synced(), peer.synced()]);
    await observer.saved();
    const before = (await t.app.store.load(workshopId)).lastSeq;
    const dropped = await metricValue(t.app.metrics.droppedReadonly);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      observer.provider.on('connection-close', (event) => {
        if (event) resolve({ code: event.code, reason: event.reason });
      });
    });
    scratch(observer.doc, 'notes').set('observer-wrote', true);
    const close = await closed;
    expect(close.code).toBe(CLOSE.forbidden.code);
    expect(close.reason).toMatch(/may not change the document/);
    expect(await metricValue(t.app.metrics.droppedReadonly)).toBe(dropped + 1);
    // Never acknowledged as saved, and the official provider does not come back with it (44xx is final).
    await expect(observer.saved(300)).rejects.toThrow(/not saved/);
    scratch(peer.doc, 'notes').set('after-observer', true);
    await peer.saved();
    expect(scratch(peer.doc, 'notes').has('observer-wrote')).toBe(false);
    expect(scratch(t.app.registry.peek(workshopId)!.doc, 'notes').has('observer-wrote')).toBe(false);
    expect((await t.app.store.load(workshopId)).lastSeq).toBe(before + 1);
  });

  it("drops what a sponsor's reconnect holds beyond the store, without locking them out; their update is refused", async () => {
    // Edits reach peers before the disk: a sponsor's browser may hold an editor's edit the database lost, and
    // answers the server's state vector with it on reconnect (a sync step 2).
    const { token } = await t.join(workshopId, 'sponsor');
    const sponsor = rawSocket(t.yjsUrl, workshopId, token);
    await sponsor.opened;
    const room = t.app.registry.peek(workshopId)!;
    const held = new Y.Doc();
    Y.applyUpdate(held, Y.encodeStateAsUpdate(room.doc));
    const known = Y.encodeStateVector(held);
    scratch(held, 'notes').set('lost-with-the-store', true);
    const lost = Y.encodeStateAsUpdate(held, known);
    const frame = (step: number) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, step);
      encoding.writeVarUint8Array(encoder, lost);
      return encoding.toUint8Array(encoder);
    };
    const before = (await t.app.store.load(workshopId)).lastSeq;
    let closedEarly = false;
    void sponsor.closed.then(() => (closedEarly = true));
    sponsor.socket.send(frame(SYNC_STEP_2));
    // A round trip later (an awareness query is answered in order): still open, nothing applied or stored.
    const answered = new Promise<void>((resolve) => sponsor.socket.once('message', () => resolve()));
    sponsor.socket.send(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
    await answered;
    expect(closedEarly).toBe(false);
    expect(scratch(room.doc, 'notes').has('lost-with-the-store')).toBe(false);
    expect((await t.app.store.load(workshopId)).lastSeq).toBe(before);
    // The same content sent as a change of their own is refused with 4403.
    sponsor.socket.send(frame(SYNC_UPDATE));
    expect((await sponsor.closed).code).toBe(CLOSE.forbidden.code);
    expect(scratch(room.doc, 'notes').has('lost-with-the-store')).toBe(false);
  });

  it('closes an oversized frame with 4413 and a malformed one with 4400, and keeps serving others', async () => {
    const { token } = await t.join(workshopId, 'stakeholder');
    const big = rawSocket(t.yjsUrl, workshopId, token);
    await big.opened;
    big.socket.send(new Uint8Array(100 * 1024));
    expect(await big.closed).toEqual({ code: CLOSE.messageTooLarge.code, reason: CLOSE.messageTooLarge.reason });

    const bad = rawSocket(t.yjsUrl, workshopId, token);
    await bad.opened;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_UPDATE);
    encoding.writeVarUint8Array(encoder, new Uint8Array([5, 200, 1, 2, 3]));
    bad.socket.send(encoding.toUint8Array(encoder));
    expect((await bad.closed).code).toBe(CLOSE.malformedMessage.code);

    const text = rawSocket(t.yjsUrl, workshopId, token);
    await text.opened;
    text.socket.send('hello');
    expect((await text.closed).code).toBe(CLOSE.malformedMessage.code);

    const survivor = connect(token);
    await survivor.synced();
    scratch(survivor.doc, 'notes').set('still-serving', true);
    await survivor.saved();
  });

  it('refuses a missing, wrong or other-workshop token with 4401', async () => {
    const other = await t.createWorkshop('blank');
    const { token } = await t.join(other, 'facilitator');
    for (const presented of [undefined, 'p_nope.aaaaaaaaaaaaaaaaaaaaaaaa', token]) {
      const attempt = rawSocket(t.yjsUrl, workshopId, presented);
      expect((await attempt.closed).code).toBe(CLOSE.unauthorized.code);
    }
  });

  it('refuses a connection beyond the workshop limit with a reconnect-later code', async () => {
    const small = await startSiblingApp(t, { maxParticipants: 1 });
    try {
      const id = await small.createWorkshop('blank');
      const first = connectClient(small.yjsUrl, id, (await small.join(id, 'stakeholder')).token);
      await first.synced();
      const second = rawSocket(small.yjsUrl, id, (await small.join(id, 'stakeholder')).token);
      expect((await second.closed).code).toBe(CLOSE.tooManyParticipants.code);
      first.destroy();
    } finally {
      await small.close();
    }
  });
});
