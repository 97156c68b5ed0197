import { TEST_DIALECTS } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { scratch } from '../test/scratch-map.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, type TestClient } from '../test/yjs-client.ts';
import { updateMessage } from './messages.ts';

/** The write path does not depend on the dialect: one is enough. */
const dialect = TEST_DIALECTS[0];

/**
 * An update that passes every check but makes Yjs throw while it is applied used to reset the whole room:
 * every connection closed with 4503 and the workshop reloaded. It is now refused for its own connection.
 */
describe.runIf(dialect)('an update Yjs cannot apply', () => {
  let t: TestApp;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestApp(dialect!);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await t.close();
  });

  it('closes its connection with 4422 and leaves the room and its other connections alone', async () => {
    const workshopId = await t.createWorkshop('blank');
    const writerToken = (await t.join(workshopId, 'stakeholder')).token;
    const peer = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    clients.push(peer);
    await peer.synced();
    const room = t.app.registry.peek(workshopId)!;
    const peerCloses: number[] = [];
    peer.provider.on('connection-close', (event: { code: number } | null) => peerCloses.push(event?.code ?? 0));

    // Yjs throws out of applyUpdate when an observer throws, after the transaction changed the document:
    // the worst case, a change already in the document and relayed when the error comes.
    const key = 'poison.breaks-an-observer';
    const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
      if (events.some((event) => event.changes.keys.has(key))) throw new Error('observer failed');
    };
    room.doc.getMap('requirements').observeDeep(observer);
    try {
      const writerDoc = new Y.Doc();
      scratch(writerDoc, 'poison').set('breaks-an-observer', 1);
      const socket = new WebSocket(`${t.yjsUrl}/${workshopId}?token=${encodeURIComponent(writerToken)}`);
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(updateMessage(Y.encodeStateAsUpdate(writerDoc)));
      const { code, reason } = await closed;
      expect(code).toBe(CLOSE.invalidUpdate.code);
      expect(reason).toMatch(/cannot be applied/);
    } finally {
      room.doc.getMap('requirements').unobserveDeep(observer);
    }

    // The room goes on: same room, the peer still connected, its edits relayed and saved as before.
    expect(room.isResetting).toBe(false);
    expect(t.app.registry.peek(workshopId)).toBe(room);
    scratch(peer.doc, 'notes').set('after', 1);
    await peer.saved(10_000);
    expect(peerCloses).toEqual([]);
    expect(scratch(room.doc, 'notes').get('after')).toBe(1);

    // What reached the document (and the peer) before Yjs threw is stored: the database holds all the room does.
    expect(scratch(peer.doc, 'poison').get('breaks-an-observer')).toBe(1);
    await room.settled();
    const stored = await t.app.store.load(workshopId);
    const reloaded = new Y.Doc();
    for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
      Y.applyUpdate(reloaded, part);
    expect(scratch(reloaded, 'poison').get('breaks-an-observer')).toBe(1);
    expect(scratch(reloaded, 'notes').get('after')).toBe(1);
  });
});
