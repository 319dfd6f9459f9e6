import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Where rate-limit counters live: in this process's memory (one process serves or dispatches), or in
 * Redis so every process shares them and a limit holds across processes.
 */
export interface LimiterStore {
  readonly kind: 'memory' | 'redis';
  /** A fixed-window limiter: `points` per `durationSeconds`, counters namespaced by `name`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
  close(): Promise<void>;
}

/** Creates the store for the configured Redis, or an in-memory one when `redis` is null. */
export function createLimiterStore(redis: { readonly url: string } | null): LimiterStore {
  if (!redis) {
    // One instance per setting, so every caller in the process (API and sources ingesting for one tenant)
    // counts against the same counters, as they would in Redis.
    const limiters = new Map<string, RateLimiterMemory>();
    return {
      kind: 'memory',
      limiter: (name, points, duration) => {
        const id = `${name}/${points}/${duration}`;
        let limiter = limiters.get(id);
        if (!limiter) {
          limiter = new RateLimiterMemory({ keyPrefix: name, points, duration });
          limiters.set(id, limiter);
        }
        return limiter;
      },
      close: () => Promise.resolve(),
    };
  }
  const client = new Redis(redis.url, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  return {
    kind: 'redis',
    limiter: (name, points, duration) =>
      new RateLimiterRedis({ storeClient: client, keyPrefix: `caravan:${name}`, points, duration }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
