import { scratch, type ScratchMap } from '../test/scratch-map.ts';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { fixedWait } from '../test/waits.ts';
import { connectClient, waitFor, type TestClient } from '../test/yjs-client.ts';
import { updateMessage } from './messages.ts';
import { MESSAGE_SAVED } from './protocol.ts';
import type { AppendRequest } from './update-store.ts';

/** The room's behaviour around the store does not depend on the dialect: one is enough. */
const dialect = TEST_DIALECTS[0];

/** Makes the store's appends wait until `release` is called (each append already started waits too). */
function holdAppends(t: TestApp): { release: () => void; restore: () => void } {
  const append = t.app.store.append.bind(t.app.store);
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const spy = vi.spyOn(t.app.store, 'append').mockImplementation(async (requests: readonly AppendRequest[]) => {
    await gate;
    return append(requests);
  });
  return { release, restore: () => spy.mockRestore() };
}

async function storedNotes(t: TestApp, workshopId: string): Promise<ScratchMap> {
  const stored = await t.app.store.load(workshopId);
  const doc = new Y.Doc();
  for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
    Y.applyUpdate(doc, part);
  return scratch(doc, 'notes');
}

describe.runIf(dialect)('relay before store', () => {
  let t: TestApp;
  const clients: TestClient[] = [];
  const connect = (workshopId: string, token: string): TestClient => {
    const client = connectClient(t.yjsUrl, workshopId, token);
    clients.push(client);
    return client;
  };
  beforeAll(async () => {
    t = await startTestApp(dialect!);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await t.close();
  });

  it('relays an update to peers while its commit is held, and tells the writer "saved" only after it', async () => {
    const workshopId = await t.createWorkshop('blank');
    const writer = connect(workshopId, (await t.join(workshopId, 'stakeholder')).token);
    const peer = connect(workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await Promise.all([writer.synced(), peer.synced()]);
    const held = holdAppends(t);
    try {
      scratch(writer.doc, 'notes').set('held', 1);
      await waitFor(() => scratch(peer.doc, 'notes').get('held') === 1, 5000, 'relay while the commit is held');
      await expect(writer.saved(300)).rejects.toThrow(/not saved/);
      expect((await storedNotes(t, workshopId)).has('held')).toBe(false);
      held.release();
      await writer.saved(5000);
      expect((await storedNotes(t, workshopId)).get('held')).toBe(1);
    } finally {
      held.release();
      held.restore();
    }
  });

  it('waits, for a publish, until what the room held is stored, not for edits that came later', async () => {
    const workshopId = await t.createWorkshop('blank');
    const writer = connect(workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await writer.synced();
    const room = t.app.registry.peek(workshopId)!;
    const first = holdAppends(t);
    let second: ReturnType<typeof holdAppends> | undefined;
    try {
      scratch(writer.doc, 'notes').set('before-publish', 1);
      await waitFor(() => scratch(room.doc, 'notes').has('before-publish'), 5000, 'the edit in the room');
      let stored = false;
      const storedSoFar = room.storedSoFar().then(() => (stored = true));
      // A negative check: the publish does NOT go ahead while the commit is held.
      await fixedWait(100);
      expect(stored).toBe(false);
      first.restore();
      // Someone keeps typing: their edit is held, and must not hold up what was asked before it.
      second = holdAppends(t);
      first.release();
      scratch(writer.doc, 'notes').set('after-publish', 2);
      await waitFor(() => scratch(room.doc, 'notes').has('after-publish'), 5000, 'the later edit in the room');
      await storedSoFar;
      expect((await storedNotes(t, workshopId)).get('before-publish')).toBe(1);
      expect((await storedNotes(t, workshopId)).has('after-publish')).toBe(false);
    } finally {
      first.release();
      first.restore();
      second?.release();
      second?.restore();
    }
    await writer.saved(5000);
  });

  it('acknowledges a resend of an update still on its way to the database only once it is stored', async () => {
    const workshopId = await t.createWorkshop('blank');
    const { token } = await t.join(workshopId, 'stakeholder');
    const writer = connect(workshopId, token);
    await writer.synced();
    scratch(writer.doc, 'notes').set('first', 0);
    await writer.saved();
    const held = holdAppends(t);
    try {
      // Not the writer's first struct: the stored state vector must still name its clock.
      scratch(writer.doc, 'notes').set('resent', 1);
      await waitFor(
        () => scratch(t.app.registry.peek(workshopId)?.doc ?? new Y.Doc(), 'notes').get('resent') === 1,
        5000,
        'applied',
      );
      // A second connection sends the very same update: the room holds it, the database does not yet.
      const socket = new WebSocket(`${t.yjsUrl}/${workshopId}?token=${encodeURIComponent(token)}&saved=1`);
      const saved: number[] = [];
      let storedClock = 0;
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== MESSAGE_SAVED) return;
        storedClock = Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(writer.doc.clientID) ?? 0;
        saved.push(decoding.readVarUint(decoder));
      });
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(updateMessage(Y.encodeStateAsUpdate(writer.doc)));
      // A negative check: no "saved" arrives for the resend while the commit is held.
      await fixedWait(300);
      expect(saved).toEqual([]);
      held.release();
      await waitFor(() => saved.includes(1), 5000, 'saved after the commit');
      expect(storedClock).toBe(Y.getState(writer.doc.store, writer.doc.clientID));
      expect((await storedNotes(t, workshopId)).get('resent')).toBe(1);
      socket.close();
    } finally {
      held.release();
      held.restore();
    }
  });

  it('resets the room when a store fails: every connection closed with 4503, the edit stored once clients resend it', async () => {
    const workshopId = await t.createWorkshop('blank');
    const writer = connect(workshopId, (await t.join(workshopId, 'stakeholder')).token);
    const peer = connect(workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await Promise.all([writer.synced(), peer.synced()]);
    const failed = t.app.registry.peek(workshopId);
    const closes = [writer, peer].map(
      (client) =>
        new Promise<number>((resolve) =>
          client.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
        ),
    );
    // The peer has the edit before the store fails; the writer then goes away for good, so only the peer can bring it back.
    let fail = (_error: Error): void => undefined;
    const outage = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    outage.catch(() => undefined);
    const failing = vi.spyOn(t.app.store, 'append').mockImplementation(() => outage);
    scratch(writer.doc, 'notes').set('resent-by-peer', 1);
    await waitFor(() => scratch(peer.doc, 'notes').get('resent-by-peer') === 1, 5000, 'relay');
    fail(new Error('database unavailable'));
    expect(await Promise.all(closes)).toEqual([CLOSE.storageUnavailable.code, CLOSE.storageUnavailable.code]);
    writer.destroy();
    expect(t.app.registry.peek(workshopId)).not.toBe(failed);
    await expect(peer.saved(300)).rejects.toThrow(/not saved/);
    failing.mockRestore();
    await peer.saved(10_000);
    expect(t.app.registry.peek(workshopId)).toBeDefined();
    expect(t.app.registry.peek(workshopId)).not.toBe(failed);
    expect((await storedNotes(t, workshopId)).get('resent-by-peer')).toBe(1);
  });
});
