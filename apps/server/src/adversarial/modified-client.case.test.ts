import { ONE_DIALECT } from '@accord/db/test-databases';
import { applyEdit } from '@accord/core/ydoc';
import { CLOSE } from '@accord/protocol/close-codes';
import type { Role } from '@accord/protocol/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateMessage } from '../sync/messages.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, rawSocket, type TestClient } from '../test/yjs-client.ts';

const root = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('requirements');
const meta = (doc: Y.Doc): Y.Map<unknown> => root(doc).get('meta') as Y.Map<unknown>;
const proposal = (doc: Y.Doc): Y.Map<unknown> =>
  (root(doc).get('proposals') as Y.Map<unknown>).get('p-open') as Y.Map<unknown>;

/** Every kind of write a modified client might forge, each with the close code the door answers an editor with. */
const FORGERIES: readonly { what: string; write: (doc: Y.Doc) => void; editorCode: number }[] = [
  {
    what: 'accepting a proposal',
    write: (doc) => proposal(doc).set('status', 'accepted'),
    editorCode: CLOSE.forbidden.code,
  },
  {
    what: "votes in others' names",
    write: (doc) => {
      const votes = new Y.Map<unknown>();
      votes.set('Sponsor Sue', 'for');
      proposal(doc).set('votes', votes);
    },
    editorCode: CLOSE.forbidden.code,
  },
  {
    what: 'a decision "by" the facilitator',
    write: (doc) =>
      applyEdit(doc, {
        kind: 'insert',
        collection: 'decisions',
        item: { id: 'd-forged', text: 'accepted', by: 'Fay' },
      }),
    editorCode: CLOSE.forbidden.code,
  },
  {
    what: 'a new proposal written directly',
    write: (doc) =>
      applyEdit(doc, {
        kind: 'insert',
        collection: 'proposals',
        item: { id: 'p-forged', field: '/meta/title', value: 'x', status: 'accepted' },
      }),
    editorCode: CLOSE.forbidden.code,
  },
  { what: 'deleting the decisions', write: (doc) => root(doc).delete('decisions'), editorCode: CLOSE.forbidden.code },
  {
    what: 'a new root',
    write: (doc) => doc.getMap('shadow').set('title', 'Not the real one'),
    editorCode: CLOSE.invalidUpdate.code,
  },
  {
    what: 'a map nested 200 deep',
    write: (doc) =>
      doc.transact(() => {
        let current = meta(doc);
        for (let i = 0; i < 200; i += 1) {
          const next = new Y.Map<unknown>();
          current.set('d', next);
          current = next;
        }
      }),
    editorCode: CLOSE.invalidUpdate.code,
  },
  {
    what: 'an oversized key',
    write: (doc) => meta(doc).set('k'.repeat(10_000), 1),
    editorCode: CLOSE.invalidUpdate.code,
  },
  {
    what: 'a Y.Text where a value belongs',
    write: (doc) => meta(doc).set('timeZone', new Y.Text('x')),
    editorCode: CLOSE.invalidUpdate.code,
  },
  {
    what: 'a plain value where a collection belongs',
    write: (doc) => root(doc).set('functions', 'none'),
    editorCode: CLOSE.invalidUpdate.code,
  },
  {
    what: 'an array type',
    write: (doc) => meta(doc).set('sponsors', new Y.Array()),
    editorCode: CLOSE.invalidUpdate.code,
  },
];

describe.each(ONE_DIALECT)('a modified client on $name', (dialect) => {
  let t: TestApp;
  let workshopId: string;
  let peer: TestClient;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    workshopId = await t.createWorkshop('messaging');
    // A proposal the server made, for the forgeries to aim at.
    await t.app.registry.withRoom(workshopId, (room) =>
      room.applyServerChange((doc) =>
        applyEdit(doc, {
          kind: 'insert',
          collection: 'proposals',
          item: { id: 'p-open', field: '/meta/title', value: 'Mail+', status: 'open', by: 'Sam', votes: [] },
        }),
      ),
    );
    peer = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder', 'Honest Hal')).token);
    await peer.synced();
  });
  afterAll(async () => {
    peer.destroy();
    await t.close();
  });

  const roles: readonly Role[] = ['facilitator', 'stakeholder', 'sponsor', 'observer'];
  it.each(roles)(
    'refuses every forged write from a %s: nothing stored, peers unchanged',
    async (role) => {
      const { token } = await t.join(workshopId, role, `Forger ${role}`);
      const before = await t.app.store.load(workshopId);
      const peerState = Y.encodeStateVector(peer.doc);
      const outcomes: string[] = [];
      for (const forgery of FORGERIES) {
        const forger = new Y.Doc();
        Y.applyUpdate(forger, Y.encodeStateAsUpdate(t.app.registry.peek(workshopId)?.doc ?? new Y.Doc()));
        const known = Y.encodeStateVector(forger);
        forgery.write(forger);
        const socket = rawSocket(t.yjsUrl, workshopId, token);
        await socket.opened;
        socket.socket.send(updateMessage(Y.encodeStateAsUpdate(forger, known)));
        const closed = await socket.closed;
        const expected = role === 'sponsor' || role === 'observer' ? CLOSE.forbidden.code : forgery.editorCode;
        if (closed.code !== expected || closed.reason === '')
          outcomes.push(`${forgery.what}: ${closed.code} ${closed.reason}`);
      }
      expect(outcomes).toEqual([]);
      const after = await t.app.store.load(workshopId);
      expect(after.lastSeq).toBe(before.lastSeq);
      expect(Y.encodeStateVector(peer.doc)).toEqual(peerState);
      expect(proposal(peer.doc).get('status')).toBe('open');
      expect(root(peer.doc).has('decisions')).toBe(true);
      expect((await t.app.metrics.refusedUpdates.get()).values.reduce((sum, v) => sum + v.value, 0)).toBeGreaterThan(0);
    },
    120_000,
  );

  it("still takes an editor's ordinary edits and tells them saved", async () => {
    const editor = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder', 'Ed')).token);
    await editor.synced();
    applyEdit(editor.doc, { kind: 'set', path: '/meta/title', value: 'Mail for everyone' });
    applyEdit(editor.doc, { kind: 'text', path: '/meta/description', index: 0, deleteCount: 0, insert: 'Hello ' });
    await editor.saved();
    expect(String(meta(t.app.registry.peek(workshopId)?.doc ?? new Y.Doc()).get('title'))).toBe('Mail for everyone');
    editor.destroy();
  });
});
