import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';

/**
 * Makes a Redis connection's drops and returns visible: a warning and a count when it is lost, a log line
 * with the outage's length and a count when it is back, and a 0/1 gauge per connection role. Nodes
 * otherwise went quiet while their fan-out or socket.io adapter was cut off. `onRestored` lets the caller
 * re-read what it may have missed meanwhile.
 */
export function watchRedis(
  client: Redis,
  role: string,
  logger: Logger,
  metrics: Metrics,
  onRestored?: (downMs: number) => void,
): void {
  let readyOnce = false;
  let downSince: number | undefined;
  metrics.redisConnected.set({ role }, 0);
  client.on('ready', () => {
    metrics.redisConnected.set({ role }, 1);
    if (downSince !== undefined) {
      const downMs = Date.now() - downSince;
      downSince = undefined;
      metrics.redisReconnects.inc({ role });
      logger.info({ role, downMs }, 'redis connection restored');
      onRestored?.(downMs);
    }
    readyOnce = true;
  });
  client.on('close', () => {
    metrics.redisConnected.set({ role }, 0);
    // Only a connection that was up can be lost; the first attempts and a deliberate quit are not outages.
    if (!readyOnce || downSince !== undefined || client.status === 'end') return;
    downSince = Date.now();
    metrics.redisDisconnects.inc({ role });
    logger.warn({ role }, 'redis connection lost; reconnecting');
  });
}
