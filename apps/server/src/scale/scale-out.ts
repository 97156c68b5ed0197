import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { LimiterFactory } from '../http/rate-limit.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { UpdateStore } from '../sync/update-store.ts';
import { AwarenessFanout } from './awareness-fanout.ts';
import { watchRedis } from './redis-health.ts';
import { YjsFanout } from './yjs-fanout.ts';

export interface ScaleOut {
  readonly fanout: YjsFanout;
  /** Presence (Yjs awareness) across nodes, with heartbeats that retire a dead node's participants. */
  readonly presence: AwarenessFanout;
  /** The socket.io adapter: rooms, emits, fetchSockets and disconnects reach every node. */
  readonly adapter: ReturnType<typeof createAdapter>;
  /** Rate limits counted across nodes (with an in-memory stand-in while Redis is away). */
  readonly limiters: LimiterFactory;
  close(): Promise<void>;
}

export interface ScaleOutOptions {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly nodeId: string;
  /** How often each node beats with its clients' presence, ms; three beats missed and it is taken for dead. */
  readonly presenceHeartbeatMs: number;
  /** Largest awareness state of one client, bytes (as the rooms check it). */
  readonly maxAwarenessBytes: number;
  /** Most awareness client ids one node may hold in one workshop. */
  readonly maxPresenceIdsPerNode: number;
  /** A Redis connection is back after a loss: events published meanwhile may be missing (re-read state). */
  readonly onRestored?: (role: string, downMs: number) => void;
}

/**
 * Everything several nodes share through Redis: Yjs fan-out, the socket.io adapter and rate limits.
 * Four connections per node: two for the fan-out (a subscriber cannot publish), two for socket.io.
 */
export function createScaleOut(
  options: ScaleOutOptions,
  registry: RoomRegistry,
  store: UpdateStore,
  logger: Logger,
  metrics: Metrics,
): ScaleOut {
  // Named `<prefix>-<node>-<role>` (`accord-node-a-sub` by default), so CLIENT LIST tells whose each is.
  const connect = (role: string): Redis => {
    const client = new Redis(options.redisUrl, {
      connectionName: `${options.prefix}-${options.nodeId}-${role}`,
      maxRetriesPerRequest: 3,
    });
    client.on('error', (error: Error) => logger.warn({ role, err: error.message }, 'redis connection problem'));
    watchRedis(client, role, logger, metrics, (downMs) => options.onRestored?.(role, downMs));
    return client;
  };
  const publisher = connect('pub');
  const subscriber = connect('sub');
  const ioPub = connect('io-pub');
  // The socket.io adapter publishes without handling a failure: with Redis away (or this node closing) each
  // would be an unhandled rejection. What a lost message carried, the nodes re-read from the database.
  const adapterPublish = ioPub.publish.bind(ioPub);
  ioPub.publish = ((channel: string | Buffer, message: string | Buffer) => {
    const sent = adapterPublish(channel, message);
    sent.catch((error: unknown) =>
      logger.debug(
        { err: String(error) },
        'socket.io publish failed; other nodes re-read the state when Redis is back',
      ),
    );
    return sent;
  }) as typeof ioPub.publish;
  const ioSub = connect('io-sub');
  const fanout = new YjsFanout(publisher, subscriber, registry, store, logger, metrics, {
    prefix: options.prefix,
    nodeId: options.nodeId,
    catchUpIntervalMs: 1000,
  });
  const presence = new AwarenessFanout(publisher, subscriber, registry, logger, {
    prefix: options.prefix,
    nodeId: options.nodeId,
    heartbeatMs: options.presenceHeartbeatMs,
    deadAfterMs: options.presenceHeartbeatMs * 3,
    maxStateBytes: options.maxAwarenessBytes,
    maxIdsPerNode: options.maxPresenceIdsPerNode,
  });
  return {
    fanout,
    presence,
    adapter: createAdapter(ioPub, ioSub, { key: `${options.prefix}:socket.io`, requestsTimeout: 2000 }),
    limiters: (rule) =>
      new RateLimiterRedis({
        storeClient: publisher,
        keyPrefix: `${options.prefix}:rl:${rule.name}`,
        points: rule.points,
        duration: rule.windowSeconds,
        insuranceLimiter: new RateLimiterMemory({
          keyPrefix: rule.name,
          points: rule.points,
          duration: rule.windowSeconds,
        }),
      }),
    close: async () => {
      fanout.close();
      await presence.close();
      await Promise.allSettled([publisher, subscriber, ioPub, ioSub].map((client) => client.quit()));
    },
  };
}
