import { Redis } from 'ioredis';

/**
 * Cuts one of a node's Redis connections from the server side (`CLIENT KILL`), as a network blip or a Redis
 * failover would; the node's client reconnects on its own. Resolves once the connection is gone; waits up to 5 s for one still reconnecting. The name
 * carries the run's prefix: other runs sharing the Redis have nodes of the same id.
 */
export async function killRedisConnection(
  redisUrl: string,
  app: { readonly nodeId: string; readonly config: { readonly redisPrefix: string } },
  role: string,
): Promise<void> {
  const name = `${app.config.redisPrefix}-${app.nodeId}-${role}`;
  const admin = new Redis(redisUrl);
  try {
    // A connection cut by an earlier test may still be reconnecting: wait for it (bounded) before cutting.
    const deadline = Date.now() + 5_000;
    for (;;) {
      const line = String(await admin.client('LIST'))
        .split('\n')
        .find((l) => l.includes(`name=${name} `));
      const id = /id=(\d+)/.exec(line ?? '')?.[1];
      if (id) {
        await admin.client('KILL', 'ID', id);
        return;
      }
      if (Date.now() > deadline) throw new Error(`no Redis connection named ${name} within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    admin.disconnect();
  }
}
