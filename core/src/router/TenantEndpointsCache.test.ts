import test from 'ava';
import { ManualClock } from '../domain/Clock.js';
import type { RoutableEndpoint } from '../storage/RoutingRepository.js';
import { TenantEndpointsCache } from './TenantEndpointsCache.js';

function setup(options: { ttlMs?: number; maxTenants?: number } = {}) {
  const clock = new ManualClock();
  const reads: string[] = [];
  let fail = false;
  const repository = {
    tenantEndpoints(tenantId: string): Promise<RoutableEndpoint[]> {
      reads.push(tenantId);
      if (fail) return Promise.reject(new Error('database down'));
      return Promise.resolve([
        {
          id: `ep_${reads.length}`,
          tenantId,
          ownerId: null,
          eventTypes: ['*'],
          filter: null,
          status: 'active',
        },
      ]);
    },
  };
  const cache = new TenantEndpointsCache({
    repository,
    clock,
    ttlMs: options.ttlMs ?? 1000,
    maxTenants: options.maxTenants ?? 10,
  });
  return { cache, clock, reads, failNext: (value: boolean) => (fail = value) };
}

test('TenantEndpointsCache › reads a tenant once per lifetime, then again', async (t) => {
  const { cache, clock, reads } = setup();
  const first = await cache.get('tnt_A');
  clock.advance(999);
  t.is(await cache.get('tnt_A'), first);
  t.deepEqual(reads, ['tnt_A']);
  clock.advance(1);
  const second = await cache.get('tnt_A');
  t.not(second, first);
  t.deepEqual(reads, ['tnt_A', 'tnt_A']);
});

test('TenantEndpointsCache › concurrent lookups share one read', async (t) => {
  const { cache, reads } = setup();
  const [a, b] = await Promise.all([cache.get('tnt_A'), cache.get('tnt_A')]);
  t.is(a, b);
  t.deepEqual(reads, ['tnt_A']);
});

test('TenantEndpointsCache › a failed read is not kept', async (t) => {
  const { cache, reads, failNext } = setup();
  failNext(true);
  await t.throwsAsync(cache.get('tnt_A'), { message: 'database down' });
  failNext(false);
  t.is((await cache.get('tnt_A')).all.length, 1);
  t.deepEqual(reads, ['tnt_A', 'tnt_A']);
});

test('TenantEndpointsCache › keeps at most maxTenants, dropping the least recently used', async (t) => {
  const { cache, reads } = setup({ maxTenants: 2 });
  await cache.get('tnt_A');
  await cache.get('tnt_B');
  await cache.get('tnt_A');
  await cache.get('tnt_C');
  await cache.get('tnt_A');
  t.deepEqual(reads, ['tnt_A', 'tnt_B', 'tnt_C'], 'A stayed, being recently used');
  await cache.get('tnt_B');
  t.deepEqual(reads, ['tnt_A', 'tnt_B', 'tnt_C', 'tnt_B'], 'B was dropped');
});
