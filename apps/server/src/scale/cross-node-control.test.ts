import { requirementsSchema } from '@accord/core/model';
import { CLOSE } from '@accord/protocol/close-codes';
import type { Phase } from '@accord/protocol/phases';
import type { RoomFrozenEvent, StateRefresh } from '@accord/protocol/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateById } from '@accord/core/templates';
import * as Y from 'yjs';
import { updateMessage } from '../sync/messages.ts';
import { apiClient } from '../test/api-client.ts';
import { connectControl, next, send, sessionState, type ControlClient } from '../test/control-client.ts';
import { killRedisConnection } from '../test/redis-kill.ts';
import { scratch } from '../test/scratch-map.ts';
import { scaleOutAvailable, SCALE_OUT_URLS, startCluster, type Cluster } from '../test/two-nodes.ts';
import { fixedWait } from '../test/waits.ts';
import { connectClient, rawSocket, waitFor, waitForAsync } from '../test/yjs-client.ts';
import { ROOM_FREEZE_CLOSE } from '../workshops/room-freeze.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

const REDIS = SCALE_OUT_URLS.redis ?? '';

/** Every phase a control client was told of, by any of the events that carry it. */
function phasesSeen(client: ControlClient): Phase[] {
  const seen: Phase[] = [];
  client.on('phase', (e) => seen.push(e.phase));
  client.on('session:state', (e) => seen.push(e.phase));
  client.on('state:refresh', (e) => seen.push(e.phase));
  return seen;
}

describe.runIf(scaleOutAvailable())('control state across nodes, whatever Redis does', () => {
  let cluster: Cluster;
  // No periodic re-check during these tests: what they show must come from the message or from the restore.
  beforeAll(async () => {
    cluster = await startCluster(2, { revocationCheckMs: 600_000 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  const nodeA = () => cluster.nodes[0]!;
  const nodeB = () => cluster.nodes[1]!;

  async function workshop(
    title: string,
  ): Promise<{ id: string; facilitator: string; editor: string; editorId: string }> {
    const { db } = nodeA().app.database;
    const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
    const id = (await new WorkshopRepository(db).create({ title, template: 'messaging', requirements })).id;
    const facilitator = await nodeA().app.participants.create({ workshopId: id, name: 'Fran', role: 'facilitator' });
    const editor = await nodeA().app.participants.create({ workshopId: id, name: 'Eddie on B', role: 'stakeholder' });
    return { id, facilitator: facilitator.token, editor: editor.token, editorId: editor.participant.id };
  }

  const lastSeq = async (workshopId: string): Promise<number> =>
    (await nodeA().app.store.lastSeqs([workshopId])).get(workshopId) ?? 0;

  it('a freeze on A makes B refuse updates, and an unfreeze lets them in again', { timeout: 30_000 }, async () => {
    const w = await workshop('Freeze across nodes');
    const socket = connectControl(nodeB().url, w.id, w.editor);
    const client = connectClient(nodeB().yjsUrl, w.id, w.editor);
    const closes: number[] = [];
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    try {
      await sessionState(socket);
      await client.synced();
      scratch(client.doc, 'ledger').set('before', 1);
      await client.saved();

      const frozenEvent = next(socket, 'room:frozen');
      const call = apiClient(nodeA().url);
      expect(
        (await call('PUT', `/api/workshops/${w.id}/freeze`, { token: w.facilitator, body: { frozen: true } })).status,
      ).toBe(200);
      expect(await frozenEvent).toMatchObject({ frozen: true, by: 'Fran' } satisfies Partial<RoomFrozenEvent>);
      await waitFor(() => closes.includes(ROOM_FREEZE_CLOSE.code), 5_000, "B closing the editor's writable connection");
      await waitFor(() => client.provider.wsconnected && client.provider.synced, 10_000, 'reconnecting read-only');

      const stored = await lastSeq(w.id);
      scratch(client.doc, 'ledger').set('while-frozen', 2);
      // A negative check: nothing is stored in the time an edit would take to be (there is no event for "not").
      await fixedWait(500);
      expect(await lastSeq(w.id)).toBe(stored);
      // A raw connection's update is refused on B too, with the freeze's code.
      const raw = rawSocket(nodeB().yjsUrl, w.id, w.editor);
      await raw.opened;
      const other = new Y.Doc();
      Y.applyUpdate(other, Y.encodeStateAsUpdate(client.doc));
      const before = Y.encodeStateVector(other);
      scratch(other, 'ledger').set('raw-while-frozen', 3);
      raw.socket.send(updateMessage(Y.encodeStateAsUpdate(other, before)));
      expect((await raw.closed).code).toBe(ROOM_FREEZE_CLOSE.code);
      expect(await lastSeq(w.id)).toBe(stored);

      // Whoever connects while the room is frozen is told so at once.
      const late = connectControl(nodeB().url, w.id, w.editor);
      const lateFrozen = next(late, 'room:frozen');
      await sessionState(late);
      expect(await lateFrozen).toMatchObject({ frozen: true, by: 'Fran' });
      late.disconnect();
      const unfrozenEvent = next(socket, 'room:frozen');
      expect(
        (await call('PUT', `/api/workshops/${w.id}/freeze`, { token: w.facilitator, body: { frozen: false } })).status,
      ).toBe(200);
      expect(await unfrozenEvent).toMatchObject({ frozen: false, by: 'Fran' });

      // The edit kept in the client while frozen is stored once B lets it write again.
      await client.saved(10_000);
      await waitForAsync(async () => (await lastSeq(w.id)) > stored, 5_000, 'the kept edit stored');
    } finally {
      client.destroy();
      socket.disconnect();
    }
  });

  it("a freeze B never heard of is applied when B's subscriber comes back", { timeout: 30_000 }, async () => {
    const w = await workshop('Freeze missed');
    const socket = connectControl(nodeB().url, w.id, w.editor);
    const client = connectClient(nodeB().yjsUrl, w.id, w.editor);
    const closes: number[] = [];
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    try {
      await sessionState(socket);
      await client.synced();
      // Frozen in PostgreSQL with no message at all: what B sees when the message was sent while its subscriber was away.
      await nodeA()
        .app.database.db.updateTable('workshops')
        .set({ frozen_at: new Date(), frozen_by: 'Fran' })
        .where('id', '=', w.id)
        .execute();
      const refresh = next(socket, 'state:refresh');
      const frozen = next(socket, 'room:frozen');
      await killRedisConnection(REDIS, nodeB().app, 'io-sub');
      expect(((await refresh) as StateRefresh).frozen).toMatchObject({ by: 'Fran' });
      expect(await frozen).toMatchObject({ frozen: true, by: 'Fran' });
      await waitFor(() => closes.includes(ROOM_FREEZE_CLOSE.code), 5_000, 'B closing the writable connection');
      await waitFor(() => client.provider.wsconnected && client.provider.synced, 10_000, 'reconnecting read-only');
      const stored = await lastSeq(w.id);
      scratch(client.doc, 'ledger').set('while-frozen', 1);
      // A negative check: nothing is stored in the time an edit would take to be (there is no event for "not").
      await fixedWait(500);
      expect(await lastSeq(w.id)).toBe(stored);
    } finally {
      client.destroy();
      socket.disconnect();
    }
  });

  it(
    "a revocation sent while B's subscribers are down still cuts B's Yjs and socket.io connections",
    { timeout: 30_000 },
    async () => {
      const w = await workshop('Revoked in the window');
      const socket = connectControl(nodeB().url, w.id, w.editor);
      await sessionState(socket);
      const yjs = rawSocket(nodeB().yjsUrl, w.id, w.editor);
      await yjs.opened;
      const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      try {
        await Promise.all([
          killRedisConnection(REDIS, nodeB().app, 'io-sub'),
          killRedisConnection(REDIS, nodeB().app, 'sub'),
        ]);
        const started = Date.now();
        const call = apiClient(nodeA().url);
        expect(
          (await call('DELETE', `/api/workshops/${w.id}/participants/${w.editorId}`, { token: w.facilitator })).status,
        ).toBeLessThan(300);
        expect((await yjs.closed).code).toBe(CLOSE.revoked.code);
        await disconnected;
        expect(Date.now() - started).toBeLessThan(5_000);
        // And it stays out: a new connection on B is refused.
        const again = rawSocket(nodeB().yjsUrl, w.id, w.editor);
        expect((await again.closed).code).toBe(CLOSE.unauthorized.code);
      } finally {
        socket.disconnect();
      }
    },
  );

  it("phase changes made while B's subscriber reconnects reach every client", { timeout: 30_000 }, async () => {
    const w = await workshop('Phases in the window');
    const steer = connectControl(nodeA().url, w.id, w.facilitator);
    const watchers = [nodeA(), nodeB()].map((node, i) =>
      connectControl(node.url, w.id, i === 0 ? w.facilitator : w.editor),
    );
    const seen = watchers.map(phasesSeen);
    try {
      await Promise.all([sessionState(steer), ...watchers.map(sessionState)]);
      await killRedisConnection(REDIS, nodeB().app, 'io-sub');
      const sequence: Phase[] = ['availability', 'recovery', 'risks', 'review'];
      for (const phase of sequence) expect(await send(steer, 'phase:set', { phase })).toMatchObject({ ok: true });
      for (const [i, phases] of seen.entries()) {
        await waitFor(() => phases.at(-1) === 'review', 5_000, `watcher ${i} reaching the last phase`);
      }
      // Nothing older arrives after the last phase (a stale message would move a client back): a negative
      // check, so a fixed wait long enough for a delayed Redis message or restore to land.
      await fixedWait(1_500);
      for (const phases of seen) expect(phases.at(-1)).toBe('review');
    } finally {
      steer.disconnect();
      for (const watcher of watchers) watcher.disconnect();
    }
  });
});
