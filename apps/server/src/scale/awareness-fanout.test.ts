import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleOutAvailable, SCALE_OUT_URLS, startCluster, type Cluster } from '../test/two-nodes.ts';
import { connectClient, waitFor, type TestClient } from '../test/yjs-client.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';
import { encodePresence } from './awareness-fanout.ts';

const HEARTBEAT_MS = 200;

interface Stamped {
  readonly accord?: { readonly participantId: string; readonly name: string };
}

const stateOf = (viewer: TestClient, clientId: number): Stamped | undefined =>
  viewer.provider.awareness.getStates().get(clientId) as Stamped | undefined;
const names = (viewer: TestClient): string[] =>
  [...(viewer.provider.awareness.getStates().values() as IterableIterator<Stamped>)].flatMap((s) =>
    s.accord ? [s.accord.name] : [],
  );

describe.runIf(scaleOutAvailable())("presence from Redis is taken only as another node's", () => {
  let cluster: Cluster;
  let redis: Redis;
  beforeAll(async () => {
    cluster = await startCluster(1, { presenceHeartbeatMs: HEARTBEAT_MS });
    redis = new Redis(SCALE_OUT_URLS.redis ?? '');
  });
  afterAll(async () => {
    redis.disconnect();
    await cluster.close();
  });

  it(
    "keeps local clients' states, drops unstamped ones, and retires a node that stops beating",
    { timeout: 20_000 },
    async () => {
      const node = cluster.nodes[0]!;
      const requirements = requirementsSchema.parse(templateById('blank')?.requirements);
      const workshopId = (
        await new WorkshopRepository(node.app.database.db).create({
          title: 'Forged presence',
          template: 'blank',
          requirements,
        })
      ).id;
      const xavier = await node.app.participants.create({ workshopId, name: 'Xavier', role: 'stakeholder' });
      const yara = await node.app.participants.create({ workshopId, name: 'Yara', role: 'stakeholder' });
      const x = connectClient(node.yjsUrl, workshopId, xavier.token);
      const y = connectClient(node.yjsUrl, workshopId, yara.token);
      try {
        await Promise.all([x.synced(), y.synced()]);
        x.provider.awareness.setLocalStateField('editing', 'title');
        await waitFor(() => stateOf(y, x.doc.clientID)?.accord?.name === 'Xavier', 5_000, 'Yara seeing Xavier');

        const channel = `${node.app.config.redisPrefix}:aw:${workshopId}`;
        const stamped = (name: string): string =>
          JSON.stringify({ accord: { participantId: `p-${name}`, name, role: 'stakeholder' } });
        await redis.publish(
          channel,
          encodePresence('change', 'node-elsewhere', [
            // Xavier's id is this node's: another node cannot speak for it, whatever the clock.
            { clientId: x.doc.clientID, clock: 9_999, state: stamped('Impostor') },
            // A state without the identity its node stamps is not presence.
            { clientId: 424_242, clock: 1, state: JSON.stringify({ user: 'ghost' }) },
            { clientId: 434_343, clock: 1, state: stamped('Rita elsewhere') },
          ]),
        );
        await waitFor(() => names(y).includes('Rita elsewhere'), 5_000, "the other node's participant appearing");
        expect(stateOf(y, x.doc.clientID)?.accord?.name).toBe('Xavier');
        expect(stateOf(y, 424_242)).toBeUndefined();
        expect(names(x)).toContain('Rita elsewhere');

        // That node never beats: it is taken for dead after three beats, and its participant leaves.
        const started = Date.now();
        await waitFor(() => !names(y).includes('Rita elsewhere'), 5_000, "the silent node's participant leaving");
        expect(Date.now() - started).toBeGreaterThanOrEqual(HEARTBEAT_MS);
        expect(stateOf(y, x.doc.clientID)?.accord?.name).toBe('Xavier');
      } finally {
        x.destroy();
        y.destroy();
      }
    },
  );
});

describe.runIf(scaleOutAvailable())('presence of a node that shuts down', () => {
  let cluster: Cluster;
  // Beats far apart: only the closing node's farewell can explain a quick departure.
  beforeAll(async () => {
    cluster = await startCluster(2, { presenceHeartbeatMs: 10_000 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it("leaves the other nodes' rooms at once, not after three silent beats", { timeout: 30_000 }, async () => {
    const [a, b] = cluster.nodes;
    const requirements = requirementsSchema.parse(templateById('blank')?.requirements);
    const workshopId = (
      await new WorkshopRepository(a!.app.database.db).create({ title: 'Farewell', template: 'blank', requirements })
    ).id;
    const ada = await a!.app.participants.create({ workshopId, name: 'Ada', role: 'stakeholder' });
    const bea = await a!.app.participants.create({ workshopId, name: 'Bea leaving', role: 'stakeholder' });
    const onA = connectClient(a!.yjsUrl, workshopId, ada.token);
    const onB = connectClient(b!.yjsUrl, workshopId, bea.token);
    try {
      await Promise.all([onA.synced(), onB.synced()]);
      onB.provider.awareness.setLocalStateField('editing', 'title');
      await waitFor(() => names(onA).includes('Bea leaving'), 5_000, "A seeing B's participant");
      onB.provider.shouldConnect = false;
      const started = Date.now();
      await b!.app.close();
      await waitFor(() => !names(onA).includes('Bea leaving'), 5_000, "B's participant leaving after B closed");
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      onA.destroy();
      onB.destroy();
    }
  });
});
