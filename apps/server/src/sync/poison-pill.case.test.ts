import { TEST_DIALECTS } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createApp, type AccordApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { apiClient } from '../test/api-client.ts';
import { scratch } from '../test/scratch-map.ts';
import { connectClient, metricValue, rawSocket, waitFor } from '../test/yjs-client.ts';
import { updateMessage } from './messages.ts';

/** A valid update holding a Y.Map nested `levels` deep under the requirements root, and one deleting it. */
function poisonPill(base: Uint8Array, levels: number): { deep: Uint8Array; deletion: Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    let current = doc.getMap('requirements');
    for (let i = 0; i < levels; i += 1) {
      const next = new Y.Map<unknown>();
      current.set(i === 0 ? 'deep' : 'd', next);
      current = next;
    }
  });
  const deep = Y.encodeStateAsUpdate(doc, before);
  // The deletion is written by hand: deleting the map here would recurse through it in this process too.
  const deletion = encoding.createEncoder();
  for (const n of [0, 1, doc.clientID, 1, 0, 1]) encoding.writeVarUint(deletion, n);
  doc.destroy();
  return { deep, deletion: encoding.toUint8Array(deletion) };
}

async function stateOf(app: AccordApp, workshopId: string): Promise<Uint8Array> {
  const stored = await app.store.load(workshopId);
  return Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((row) => row.update)]);
}

describe.each(TEST_DIALECTS)('a poison pill on $name', (dialect) => {
  it('is refused at the door; stored anyway (as before the door checked), it is set aside on load and the workshop is served after a restart and an unload', async () => {
    const prepared = await dialect.prepare();
    const config = testConfig({ idleUnloadMs: 200 });
    let app = await createApp(config, { database: prepared.options });
    try {
      let url = await app.listen();
      const call = apiClient(url);
      const created = await call<{ token: string; workshop: { id: string } }>('POST', '/api/workshops', {
        body: { template: 'messaging', facilitatorName: 'Fay' },
      });
      expect(created.status).toBe(201);
      const { token } = created.body;
      const workshopId = created.body.workshop.id;
      const pill = poisonPill(await stateOf(app, workshopId), 5000);
      expect(pill.deep.byteLength).toBeGreaterThan(40_000);

      // The door refuses it: nothing stored.
      const before = (await app.store.load(workshopId)).lastSeq;
      const attacker = rawSocket(
        `${url.replace('http', 'ws')}/yjs`,
        workshopId,
        (await app.participants.create({ workshopId, name: 'Sam', role: 'stakeholder' })).token,
      );
      await attacker.opened;
      attacker.socket.send(updateMessage(pill.deep));
      expect((await attacker.closed).code).toBe(CLOSE.invalidUpdate.code);
      expect((await app.store.load(workshopId)).lastSeq).toBe(before);
      await waitFor(() => app.registry.peek(workshopId) === undefined, 5000, 'idle unload');

      // A workshop stored before the door checked shapes: the pill and its deletion are in the log.
      await app.store.append([{ workshopId, updates: [pill.deep] }]);
      await app.store.append([{ workshopId, updates: [pill.deletion] }]);
      await app.close();
      app = await createApp(config, { database: prepared.options });
      url = await app.listen();
      const restarted = apiClient(url);

      const client = connectClient(`${url.replace('http', 'ws')}/yjs`, workshopId, token);
      await client.synced();
      expect(client.doc.getMap('requirements').get('meta')).toBeInstanceOf(Y.Map);
      expect(client.doc.getMap('requirements').has('deep')).toBe(false);
      expect(await metricValue(app.metrics.quarantined)).toBe(1);
      expect(await app.store.quarantined(workshopId)).toEqual([
        expect.objectContaining({ kind: 'update', seq: before + 1, reason: expect.stringMatching(/too-deep/) }),
      ]);
      expect((await restarted('GET', `/api/workshops/${workshopId}/requirements`, { token })).status).toBe(200);
      expect((await restarted('POST', `/api/workshops/${workshopId}/versions`, { token })).status).toBe(201);
      scratch(client.doc, 'notes').set('after-the-pill', true);
      await client.saved();
      client.destroy();

      // Unloaded (which compacts) and loaded again: still served, edit kept.
      await waitFor(() => app.registry.peek(workshopId) === undefined, 5000, 'idle unload after the pill');
      expect((await app.store.load(workshopId)).tail).toEqual([]);
      const again = connectClient(`${url.replace('http', 'ws')}/yjs`, workshopId, token);
      await again.synced();
      expect(scratch(again.doc, 'notes').get('after-the-pill')).toBe(true);
      expect((await restarted('GET', `/api/workshops/${workshopId}/requirements`, { token })).status).toBe(200);
      again.destroy();
    } finally {
      await app.close();
      await prepared.cleanup();
    }
  }, 120_000);

  it('is set aside by a compaction too, which then completes', async () => {
    const prepared = await dialect.prepare();
    const app = await createApp(testConfig({ idleUnloadMs: 60_000 }), { database: prepared.options });
    try {
      const workshopId = (await app.workshops.create({ template: 'blank', facilitatorName: 'Fay' })).workshop.id;
      const pill = poisonPill(await stateOf(app, workshopId), 5000);
      await app.store.append([{ workshopId, updates: [pill.deep, pill.deletion] }]);
      const compacted = await app.store.compact(workshopId);
      expect(compacted?.setAside.map((entry) => entry.kind)).toEqual(['update']);
      const stored = await app.store.load(workshopId);
      expect(stored.tail).toEqual([]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.snapshot?.state ?? new Uint8Array());
      expect(doc.getMap('requirements').has('deep')).toBe(false);
      expect(doc.getMap('requirements').get('meta')).toBeInstanceOf(Y.Map);
    } finally {
      await app.close();
      await prepared.cleanup();
    }
  }, 120_000);
});
