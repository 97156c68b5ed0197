import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleOutAvailable, SCALE_OUT_URLS, startCluster, type Cluster } from '../test/two-nodes.ts';
import { waitForAsync } from '../test/yjs-client.ts';
import { killRedisConnection } from '../test/redis-kill.ts';

/** A labelled metric's value (0 when it was never set for that label). */
async function labelled(
  metric: { get(): Promise<{ values: readonly { value: number; labels: Record<string, unknown> }[] }> },
  role: string,
): Promise<number> {
  return (await metric.get()).values.find((v) => v.labels.role === role)?.value ?? 0;
}

describe.runIf(scaleOutAvailable())('Redis connection health on a node', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(1);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('counts and reports a lost subscriber connection and its return', async () => {
    const { app } = cluster.nodes[0]!;
    await waitForAsync(
      async () => (await labelled(app.metrics.redisConnected, 'sub')) === 1,
      10_000,
      'the subscriber connecting',
    );
    expect(await labelled(app.metrics.redisDisconnects, 'sub')).toBe(0);
    await killRedisConnection(SCALE_OUT_URLS.redis ?? '', app, 'sub');
    await waitForAsync(
      async () => (await labelled(app.metrics.redisReconnects, 'sub')) === 1,
      10_000,
      'the subscriber reconnecting',
    );
    expect(await labelled(app.metrics.redisDisconnects, 'sub')).toBe(1);
    expect(await labelled(app.metrics.redisConnected, 'sub')).toBe(1);
    // The other connections were not touched.
    expect(await labelled(app.metrics.redisDisconnects, 'pub')).toBe(0);
    const exposed = await app.metrics.registry.metrics();
    expect(exposed).toMatch(/accord_redis_disconnects_total\{role="sub"\} 1/);
  });
});
