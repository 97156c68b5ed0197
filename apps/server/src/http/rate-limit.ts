import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../logger.ts';
import type { AppEnv } from './app-env.ts';
import { AccordError } from '@accord/protocol/errors';

export interface RateLimitRule {
  readonly name: string;
  /** Requests allowed per window. */
  readonly points: number;
  readonly windowSeconds: number;
}

/** A limiter per rule: in memory on one node; scale-out swaps in a Redis-backed one with the same rule. */
export type LimiterFactory = (rule: RateLimitRule) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (rule) =>
  new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.windowSeconds });

/**
 * Refuses with 429 and Retry-After once a key has used its points. A limiter that fails (Redis away) lets
 * the request through: availability of the workshop beats strictness of the limit.
 */
export function rateLimit(
  limiter: RateLimiterAbstract,
  key: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string,
  logger: Logger,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = key(c);
    try {
      await limiter.consume(id);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const retry = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        logger.warn({ limiter: limiter.keyPrefix, key: id, path: c.req.path }, 'rate limit reached');
        c.header('Retry-After', String(retry));
        throw new AccordError('rate_limited', `too many requests; try again in ${retry} s`);
      }
      logger.warn({ err: String(rejection) }, 'rate limiter unavailable; request let through');
    }
    await next();
  };
}
