import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Rate, RateLimitSettings } from '../../config.js';
import { rateLimited } from '../../errors.js';

export type RateLimitName = keyof RateLimitSettings;

/**
 * Fixed-window counters per (limit, key), one interface over memory (one node) and Redis (every node
 * counts against the same windows). A limit set to `off` costs nothing. While Redis is unreachable
 * each node counts on its own in memory (rate-limiter-flexible's insurance limiter) rather than refuse
 * everyone or let everyone through.
 */
export interface RateLimits {
  /** Counts one request; throws RATE_LIMITED (with retryAfter) when the key is over its limit. */
  consume(name: RateLimitName, key: string | number): Promise<void>;
  /** Throws RATE_LIMITED when the key is already over its limit, counting nothing (failures are counted with `penalize`). */
  check(name: RateLimitName, key: string | number): Promise<void>;
  /** Counts one failure without refusing this request. */
  penalize(name: RateLimitName, key: string | number): Promise<void>;
  /** Forgets the key's count (a successful login clears the account's failures). */
  reset(name: RateLimitName, key: string | number): Promise<void>;
}

export interface RateLimitsOptions {
  settings: RateLimitSettings;
  /** with Redis: the command connection (no offline queue) and the deployment's key prefix */
  redis?: { client: Redis; keyPrefix: string };
  /** called for each refusal (metrics) */
  onLimited?: (name: RateLimitName) => void;
}

export function createRateLimits(options: RateLimitsOptions): RateLimits {
  const limiters = new Map<RateLimitName, RateLimiterAbstract>();
  for (const [name, rate] of Object.entries(options.settings) as [RateLimitName, Rate | null][]) {
    if (rate) limiters.set(name, limiterFor(name, rate, options.redis));
  }
  const refuse = (name: RateLimitName, msBeforeNext: number): never => {
    options.onLimited?.(name);
    throw rateLimited(msBeforeNext / 1000);
  };
  return {
    async consume(name, key) {
      const limiter = limiters.get(name);
      if (!limiter) return;
      try {
        await limiter.consume(String(key));
      } catch (e) {
        if (e instanceof RateLimiterRes) refuse(name, e.msBeforeNext);
        throw e;
      }
    },
    async check(name, key) {
      const limiter = limiters.get(name);
      const state = limiter ? await limiter.get(String(key)) : null;
      if (limiter && state && state.consumedPoints >= limiter.points) refuse(name, state.msBeforeNext);
    },
    async penalize(name, key) {
      await limiters.get(name)?.penalty(String(key));
    },
    async reset(name, key) {
      await limiters.get(name)?.delete(String(key));
    },
  };
}

function limiterFor(name: RateLimitName, rate: Rate, redis: RateLimitsOptions['redis']): RateLimiterAbstract {
  const base = { points: rate.points, duration: rate.durationSeconds, keyPrefix: `rl:${name}` };
  const memory = new RateLimiterMemory(base);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...base,
    keyPrefix: `${redis.keyPrefix}rl:${name}`,
    storeClient: redis.client,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
