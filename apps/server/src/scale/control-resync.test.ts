import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, next, sessionState } from '../test/control-client.ts';
import { killRedisConnection } from '../test/redis-kill.ts';
import { scaleOutAvailable, SCALE_OUT_URLS, startCluster, type Cluster } from '../test/two-nodes.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

describe.runIf(scaleOutAvailable())('control state after a socket.io subscriber outage', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(2);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it("re-sends the phase from PostgreSQL to the node's participants once the subscriber is back", async () => {
    const node = cluster.nodes[1]!;
    const { db } = node.app.database;
    const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
    const workshopId = (
      await new WorkshopRepository(db).create({ title: 'Resync', template: 'messaging', requirements })
    ).id;
    const { token } = await node.app.participants.create({ workshopId, name: 'Watcher on B', role: 'observer' });
    const client = connectControl(node.url, workshopId, token);
    try {
      const state = await sessionState(client);
      expect(state.phase).not.toBe('risks');
      // A phase change whose socket.io message never reached this node (it was sent while the subscriber was away).
      await db.updateTable('workshops').set({ phase: 'risks' }).where('id', '=', workshopId).execute();
      const phase = next(client, 'phase');
      await killRedisConnection(SCALE_OUT_URLS.redis ?? '', node.app, 'io-sub');
      expect(await phase).toMatchObject({ phase: 'risks' });
    } finally {
      client.disconnect();
    }
  });
});
