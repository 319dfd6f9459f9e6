import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { serviceSetting } from '@caravan/testing';

test('Redis › ioredis answers PING and rate-limiter-flexible consumes points until the limit', async (t) => {
  const redis = new Redis(serviceSetting('CARAVAN_TEST_REDIS_URL'), { maxRetriesPerRequest: 1 });
  t.teardown(() => redis.quit());
  t.is(await redis.ping(), 'PONG');

  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `smoke-${randomUUID()}`,
    points: 3,
    duration: 10,
  });
  const results = [];
  for (let i = 0; i < 3; i++) results.push(await limiter.consume('tenant-a'));
  t.deepEqual(
    results.map((r) => r.remainingPoints),
    [2, 1, 0],
  );
  const refused = await limiter.consume('tenant-a').catch((e: unknown) => e);
  t.true(refused instanceof RateLimiterRes);
  t.true((refused as RateLimiterRes).msBeforeNext > 0);
  t.is((await limiter.consume('tenant-b')).remainingPoints, 2, 'another key has its own budget');
});
