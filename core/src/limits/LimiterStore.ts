import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Where rate-limit counters live: in this process's memory (one process serves or dispatches), or in
 * Redis so every process shares them and a limit holds across processes. While Redis cannot be reached
 * (restarting, network cut), the Redis store counts in this process's memory instead, with the same
 * limits: each process then holds the limit on its own, so limits keep being enforced and deliveries
 * keep flowing; the shared counters take over again as soon as Redis answers.
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
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    // Until Redis first answers, commands wait for it (a starting process counts in the shared counters
    // from its first request); after that, a command sent while the connection is down fails at once and
    // is counted in memory instead of queueing behind reconnection attempts.
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  client.once('ready', () => {
    client.options.enableOfflineQueue = false;
  });
  // Connection errors are expected while Redis restarts: the counters fall back (above), nothing to report.
  client.on('error', () => undefined);
  return {
    kind: 'redis',
    limiter: (name, points, duration) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `caravan:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `caravan:${name}`, points, duration }),
      }),
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
