import { scratch } from '../test/scratch-map.ts';
import { TEST_DIALECTS } from '@accord/db/test-databases';
import { CLOSE } from '@accord/protocol/close-codes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { startSiblingApp, startTestApp, type TestApp } from '../test/test-app.ts';
import { connectClient, metricValue, rawSocket, waitFor, waitForAsync } from '../test/yjs-client.ts';

function docFrom(stored: Awaited<ReturnType<TestApp['app']['store']['load']>>): Y.Doc {
  const doc = new Y.Doc();
  for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
    Y.applyUpdate(doc, part);
  return doc;
}

describe.each(TEST_DIALECTS)('persistence on $name', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { compactAfterUpdates: 25, idleUnloadMs: 200 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('compacts a long tail into a snapshot in the background, and loads the same document from it', async () => {
    const workshopId = await t.createWorkshop('blank');
    const client = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await client.synced();
    // Each edit stored before the next is made: 60 rows in the tail, not a few batched ones.
    for (let i = 0; i < 60; i += 1) {
      scratch(client.doc, 'notes').set(`n${i}`, i);
      await client.saved();
    }
    await waitForAsync(async () => (await t.app.store.load(workshopId)).tail.length < 25, 5000, 'compaction');
    const stored = await t.app.store.load(workshopId);
    expect(stored.snapshot?.seqUpto).toBeGreaterThanOrEqual(25);
    expect(await metricValue(t.app.metrics.compactions)).toBeGreaterThan(0);
    expect(Y.encodeStateVector(docFrom(stored))).toEqual(Y.encodeStateVector(client.doc));
    client.destroy();
  });

  it('never lets two compactions merge the same tail twice', async () => {
    const workshopId = await t.createWorkshop('blank');
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 30; i += 1) scratch(doc, 'm').set(`k${i}`, i);
    await t.app.store.append([{ workshopId, updates }]);
    const results = await Promise.all([t.app.store.compact(workshopId), t.app.store.compact(workshopId)]);
    expect(results.filter((r) => r !== undefined).map((r) => r?.merged)).toEqual([31]);
    const stored = await t.app.store.load(workshopId);
    expect(stored.tail).toEqual([]);
    expect(scratch(docFrom(stored), 'm').get('k29')).toBe(29);
  });

  it('unloads an idle workshop and loads it again with everything in it', async () => {
    const workshopId = await t.createWorkshop('blank');
    const { token } = await t.join(workshopId, 'stakeholder');
    const first = connectClient(t.yjsUrl, workshopId, token);
    await first.synced();
    scratch(first.doc, 'notes').set('kept', 'yes');
    await first.saved();
    first.destroy();
    await waitFor(() => t.app.registry.peek(workshopId) === undefined, 5000, 'unload');
    const second = connectClient(t.yjsUrl, workshopId, token);
    await second.synced();
    expect(scratch(second.doc, 'notes').get('kept')).toBe('yes');
    second.destroy();
  });

  it('refuses to serve a workshop whose stored state cannot be read, instead of an empty document', async () => {
    const workshopId = await t.createWorkshop('messaging');
    const { token } = await t.join(workshopId, 'stakeholder');
    const load = vi.spyOn(t.app.store, 'load').mockRejectedValueOnce(new Error('disk read error'));
    const refused = rawSocket(t.yjsUrl, workshopId, token);
    expect((await refused.closed).code).toBe(CLOSE.loadFailed.code);
    expect(t.app.registry.peek(workshopId)).toBeUndefined();
    load.mockRestore();
    const client = connectClient(t.yjsUrl, workshopId, token);
    await client.synced();
    expect(client.doc.getMap('requirements').get('meta')).toBeInstanceOf(Y.Map);
    client.destroy();
  });

  it('when storing fails, resets the room, says "not saved", and stores everything once the database is back', async () => {
    const workshopId = await t.createWorkshop('blank');
    const writer = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    const peer = connectClient(t.yjsUrl, workshopId, (await t.join(workshopId, 'stakeholder')).token);
    await Promise.all([writer.synced(), peer.synced()]);
    const before = t.app.registry.peek(workshopId);
    const failing = vi.spyOn(t.app.store, 'append').mockRejectedValue(new Error('database unavailable'));
    const closed = new Promise<number>((resolve) =>
      writer.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    scratch(writer.doc, 'notes').set('during-outage', 1);
    expect(await closed).toBe(CLOSE.storageUnavailable.code);
    await expect(writer.saved(300)).rejects.toThrow(/not saved/);
    // The room that held the unstored edit is gone; whatever serves the workshop now was read from the database.
    expect(t.app.registry.peek(workshopId)).not.toBe(before);
    const now = t.app.registry.peek(workshopId);
    if (now) expect(scratch(now.doc, 'notes').has('during-outage')).toBe(false);
    failing.mockRestore();
    await writer.saved(10_000);
    await waitFor(() => scratch(peer.doc, 'notes').get('during-outage') === 1, 5000, 'relay after recovery');
    expect(scratch(docFrom(await t.app.store.load(workshopId)), 'notes').get('during-outage')).toBe(1);
    writer.destroy();
    peer.destroy();
  });

  it('shuts down gracefully while people keep typing, storing what was acknowledged', async () => {
    const busy = await startTestApp(dialect);
    const workshopId = await busy.createWorkshop('blank');
    const client = connectClient(busy.yjsUrl, workshopId, (await busy.join(workshopId, 'stakeholder')).token);
    await client.synced();
    let n = 0;
    const typing = setInterval(() => {
      scratch(client.doc, 'm').set(`k${n}`, n);
      n += 1;
    }, 2);
    // The server is in the middle of taking the typing when it is told to stop.
    await waitFor(
      () => scratch(busy.app.registry.peek(workshopId)?.doc ?? new Y.Doc(), 'm').size >= 20,
      5000,
      'the typing reaching the server',
    );
    const started = Date.now();
    await busy.close();
    clearInterval(typing);
    expect(Date.now() - started).toBeLessThan(10_000);
    client.destroy();
  });

  it('refuses an update that would push the document past its size limit, storing nothing', async () => {
    const small = await startSiblingApp(t, { maxDocBytes: 20_000 });
    try {
      const workshopId = await small.createWorkshop('blank');
      const { token } = await small.join(workshopId, 'stakeholder');
      const client = connectClient(small.yjsUrl, workshopId, token);
      await client.synced();
      const before = (await small.app.store.load(workshopId)).lastSeq;
      const closed = new Promise<number>((resolve) =>
        client.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
      );
      scratch(client.doc, 'notes').set('huge', 'x'.repeat(30_000));
      expect(await closed).toBe(CLOSE.documentTooLarge.code);
      expect((await small.app.store.load(workshopId)).lastSeq).toBe(before);
      client.destroy();
    } finally {
      await small.close();
    }
  });
});
