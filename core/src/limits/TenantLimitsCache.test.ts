import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import type { TenantLimits } from '../domain/tenant.js';
import { TenantLimitsCache } from './TenantLimitsCache.js';

const limits = (deliveriesPerSecond: number): TenantLimits => ({
  ingestPerSecond: 10,
  deliveriesPerSecond,
  maxEndpoints: 10,
  maxPayloadBytes: 1024,
  eventShards: 2,
});

test('TenantLimitsCache › reads a tenant once per ttl, and an edit shows once the ttl has passed', async (t) => {
  const clock = new ManualClock(1_000);
  let stored = limits(5);
  let loads = 0;
  const cache = new TenantLimitsCache({
    load: () => {
      loads++;
      return Promise.resolve(stored);
    },
    clock,
    ttlMs: 5_000,
  });
  t.is((await cache.get('tnt_a'))?.deliveriesPerSecond, 5);
  stored = limits(50);
  clock.advance(4_999);
  t.is((await cache.get('tnt_a'))?.deliveriesPerSecond, 5);
  t.is(loads, 1);
  clock.advance(1);
  t.is((await cache.get('tnt_a'))?.deliveriesPerSecond, 50);
  t.is(loads, 2);
});

test('TenantLimitsCache › a failed load is not kept', async (t) => {
  const clock = new ManualClock(1_000);
  let fail = true;
  const cache = new TenantLimitsCache({
    load: () => (fail ? Promise.reject(new Error('db down')) : Promise.resolve(limits(5))),
    clock,
  });
  await t.throwsAsync(cache.get('tnt_a'), { message: 'db down' });
  fail = false;
  t.is((await cache.get('tnt_a'))?.deliveriesPerSecond, 5);
});
