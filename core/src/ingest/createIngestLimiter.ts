import type { Clock } from '../domain/Clock.js';
import { IngestRateLimitedError } from '../errors/IngestRateLimitedError.js';
import { KeyedLimiter } from '../limits/KeyedLimiter.js';
import type { LimiterStore } from '../limits/LimiterStore.js';
import type { IngestLimiter } from './EventIngestService.js';

/**
 * The tenant's `ingestPerSecond` over the REST API and every source together, counted in the
 * {@link LimiterStore} (Redis: across every API and worker process) from tokens each process reserves
 * ahead ({@link KeyedLimiter}), so an ingest does not wait for Redis. A batch counts one point per event;
 * a batch larger than the limit counts as the whole limit, so it can still pass in an empty second.
 */
export function createIngestLimiter(deps: { store: LimiterStore; clock?: Clock }): IngestLimiter {
  const limiter = new KeyedLimiter(deps.store, 'tenant-ingest', deps.clock ? { clock: deps.clock } : {});
  return {
    async take(tenantId, events, limits) {
      const setting = { points: limits.ingestPerSecond, durationSeconds: 1 };
      let taken;
      try {
        taken = await limiter.take(tenantId, setting, Math.min(events, limits.ingestPerSecond));
      } catch {
        // The limit protects capacity; an unreachable Redis must not stop ingest (as for the API limit).
        return;
      }
      if (!taken.allowed) throw new IngestRateLimitedError(taken.msBeforeNext, limits.ingestPerSecond);
    },
  };
}
