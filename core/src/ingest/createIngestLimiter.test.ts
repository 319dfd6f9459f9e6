import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import type { TenantLimits } from '../domain/tenant.js';
import { IngestRateLimitedError } from '../errors/index.js';
import { createLimiterStore } from '../limits/LimiterStore.js';
import { createIngestLimiter } from './createIngestLimiter.js';

const limits = (ingestPerSecond: number): TenantLimits => ({
  ingestPerSecond,
  deliveriesPerSecond: 100,
  maxEndpoints: 100,
  maxPayloadBytes: 1024,
  eventShards: 2,
});

test('createIngestLimiter › counts events per tenant and refuses past ingestPerSecond with the wait', async (t) => {
  const limiter = createIngestLimiter({ store: createLimiterStore(null), clock: new ManualClock() });
  await limiter.take('tnt_a', 3, limits(5));
  await limiter.take('tnt_a', 2, limits(5));
  const error = await t.throwsAsync(limiter.take('tnt_a', 1, limits(5)), {
    instanceOf: IngestRateLimitedError,
  });
  t.is(error?.code, 'CARAVAN_INGEST_RATE_LIMITED');
  t.is(error?.limit, 5);
  t.true(error.retryAfterMs > 0 && error.retryAfterMs <= 1_000);
  await t.notThrowsAsync(limiter.take('tnt_b', 5, limits(5)), 'another tenant has its own window');
});

test('createIngestLimiter › a batch larger than the limit passes in an empty second and fills it', async (t) => {
  const limiter = createIngestLimiter({ store: createLimiterStore(null), clock: new ManualClock() });
  await t.notThrowsAsync(limiter.take('tnt_a', 100, limits(10)));
  await t.throwsAsync(limiter.take('tnt_a', 1, limits(10)), { instanceOf: IngestRateLimitedError });
});
