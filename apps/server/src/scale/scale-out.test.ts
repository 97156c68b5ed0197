import { scratch } from '../test/scratch-map.ts';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { CLOSE } from '@accord/protocol/close-codes';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, next, send, sessionState } from '../test/control-client.ts';
import { scaleOutAvailable, SCALE_OUT_URLS, startCluster, type Cluster } from '../test/two-nodes.ts';
import * as Y from 'yjs';
import { connectClient, metricValue, rawSocket, waitFor, type TestClient } from '../test/yjs-client.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

describe.runIf(scaleOutAvailable())('two nodes on PostgreSQL and Redis', () => {
  let cluster: Cluster;
  let workshopId: string;
  const clients: TestClient[] = [];
  const join = async (role: 'facilitator' | 'stakeholder' | 'observer', name: string) => {
    const { participant, token } = await cluster.nodes[0]!.app.participants.create({ workshopId, name, role });
    return { id: participant.id, token };
  };
  const yjsOn = (node: number, token: string): TestClient => {
    const client = connectClient(cluster.nodes[node]!.yjsUrl, workshopId, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = await startCluster(2);
    const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
    workshopId = (
      await new WorkshopRepository(cluster.nodes[0]!.app.database.db).create({
        title: 'Two nodes',
        template: 'messaging',
        requirements,
      })
    ).id;
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await cluster.close();
  });

  it('converges clients on different nodes', async () => {
    const a = yjsOn(0, (await join('stakeholder', 'On A')).token);
    const b = yjsOn(1, (await join('stakeholder', 'On B')).token);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 30; i += 1) {
      scratch(a.doc, 'notes').set(`a${i}`, i);
      scratch(b.doc, 'notes').set(`b${i}`, i);
    }
    await waitFor(
      () => scratch(a.doc, 'notes').size === 60 && scratch(b.doc, 'notes').size === 60,
      5000,
      'cross-node convergence',
    );
    await Promise.all([a.saved(), b.saved()]);
  });

  it('carries presence, phase changes and revocations across nodes', async () => {
    const facilitator = await join('facilitator', 'Facilitator on A');
    const watcher = await join('observer', 'Watcher on B');
    const onA = connectControl(cluster.nodes[0]!.url, workshopId, facilitator.token);
    await sessionState(onA);
    const rosterOnA = new Promise<void>((resolve) => {
      onA.on('roster', (roster) => {
        if (roster.some((p) => p.name === 'Watcher on B' && p.online)) resolve();
      });
    });
    const onB = connectControl(cluster.nodes[1]!.url, workshopId, watcher.token);
    const state = await sessionState(onB);
    expect(state.roster.find((p) => p.name === 'Facilitator on A')?.online).toBe(true);
    await rosterOnA;

    const phaseOnB = next(onB, 'phase');
    expect(await send(onA, 'phase:set', { phase: 'risks' })).toEqual({ ok: true });
    expect(await phaseOnB).toMatchObject({ phase: 'risks' });

    const doomed = await join('stakeholder', 'Revoked on B');
    const socketOnB = connectControl(cluster.nodes[1]!.url, workshopId, doomed.token);
    await sessionState(socketOnB);
    const yjsOnB = rawSocket(cluster.nodes[1]!.yjsUrl, workshopId, doomed.token);
    await yjsOnB.opened;
    const revoked = next(socketOnB, 'revoked');
    const started = Date.now();
    const response = await fetch(`${cluster.nodes[0]!.url}/api/workshops/${workshopId}/participants/${doomed.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${facilitator.token}` },
    });
    expect(response.status).toBe(204);
    await revoked;
    expect((await yjsOnB.closed).code).toBe(CLOSE.revoked.code);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const socket of [onA, onB, socketOnB]) socket.disconnect();
  });

  it('detects the messages a node missed while its Redis subscription was down, and converges from PostgreSQL', async () => {
    const a = yjsOn(0, (await join('stakeholder', 'Writer on A')).token);
    const b = yjsOn(1, (await join('stakeholder', 'Reader on B')).token);
    await Promise.all([a.synced(), b.synced()]);
    const admin = new Redis(SCALE_OUT_URLS.redis ?? '');
    try {
      const list = String(await admin.client('LIST'));
      const line = list
        .split('\n')
        .find((l) =>
          l.includes(`name=${cluster.nodes[1]!.app.config.redisPrefix}-${cluster.nodes[1]!.app.nodeId}-sub `),
        );
      const id = /id=(\d+)/.exec(line ?? '')?.[1];
      expect(id).toBeDefined();
      let n = 0;
      const writing = setInterval(() => {
        scratch(a.doc, 'outage').set(`k${n}`, n);
        n += 1;
      }, 5);
      await waitFor(() => n >= 20, 5000, 'writing under way on A');
      await admin.client('KILL', 'ID', id ?? '');
      // Writes keep coming while B's subscription is down and reconnecting.
      const atKill = n;
      await waitFor(() => n >= atKill + 40, 5000, 'writing on through the cut');
      clearInterval(writing);
      await a.saved();
      await waitFor(() => scratch(b.doc, 'outage').size === n, 5000, 'node B catching up');
      expect(scratch(b.doc, 'outage').size).toBe(n);
    } finally {
      admin.disconnect();
    }
  });

  it('still converges when an update is stored without any message (the periodic check reads it)', async () => {
    const a = yjsOn(0, (await join('stakeholder', 'Reader on A')).token);
    const b = yjsOn(1, (await join('stakeholder', 'Reader two on B')).token);
    await Promise.all([a.synced(), b.synced()]);
    // A third writer that stores and never publishes: what a node whose message was lost looks like.
    const silent = new Y.Doc();
    Y.applyUpdate(silent, Y.encodeStateAsUpdate(a.doc));
    const updates: Uint8Array[] = [];
    silent.on('update', (u: Uint8Array) => updates.push(u));
    scratch(silent, 'last').set('only', 'one');
    await cluster.nodes[0]!.app.store.append([{ workshopId, updates }]);
    await waitFor(
      () => scratch(a.doc, 'last').get('only') === 'one' && scratch(b.doc, 'last').get('only') === 'one',
      5000,
      'both nodes noticing they are behind',
    );
    expect(await metricValue(cluster.nodes[1]!.app.metrics.catchUps)).toBeGreaterThan(0);
  });
});
