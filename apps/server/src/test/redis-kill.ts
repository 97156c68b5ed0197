import { Redis } from 'ioredis';

/**
 * Cuts one of a node's Redis connections from the server side (`CLIENT KILL`), as a network blip or a Redis
 * failover would; the node's client reconnects on its own. Resolves once the connection is gone.
 */
export async function killRedisConnection(redisUrl: string, nodeId: string, role: string): Promise<void> {
  const admin = new Redis(redisUrl);
  try {
    const line = String(await admin.client('LIST')).split('\n').find((l) => l.includes(`name=accord-${nodeId}-${role} `));
    const id = /id=(\d+)/.exec(line ?? '')?.[1];
    if (!id) throw new Error(`no Redis connection named accord-${nodeId}-${role}`);
    await admin.client('KILL', 'ID', id);
  } finally {
    admin.disconnect();
  }
}
