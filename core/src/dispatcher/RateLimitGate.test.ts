import test from 'ava';
import type { Endpoint, EndpointRateLimit } from '../domain/endpoint.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { TenantLimits } from '../domain/tenant.js';
import { createLimiterStore } from '../limits/LimiterStore.js';
import { endpointRateLimitGate, endpointWindow, tenantRateLimitGate } from './RateLimitGate.js';
import { passGates, type GateRequest } from './SendGate.js';

// Windows are aligned to the clock: a fixed time keeps a test's requests inside one window.
const NOW = Date.UTC(2026, 0, 1, 0, 0, 0, 100);

function request(
  tenantId: string,
  endpointId: string,
  rateLimit: EndpointRateLimit | null = null,
): GateRequest {
  const record = { v: 1, deliveryId: 'dlv_1', tenantId, endpointId, attempt: 0 } as DeliveryRecord;
  const endpoint = { id: endpointId, tenantId, rateLimit, maxConcurrency: null } as Endpoint;
  return { record, endpoint, now: NOW };
}

const limits = (deliveriesPerSecond: number): TenantLimits => ({
  ingestPerSecond: 100,
  deliveriesPerSecond,
  maxEndpoints: 100,
  maxPayloadBytes: 1024,
  eventShards: 2,
});

test('endpointWindow › maps perSecond and burst onto a window that never averages more than perSecond', (t) => {
  t.deepEqual(endpointWindow({ perSecond: 20, burst: 20 }), { points: 20, durationSeconds: 1 });
  t.deepEqual(endpointWindow({ perSecond: 20, burst: 40 }), { points: 40, durationSeconds: 2 });
  t.deepEqual(endpointWindow({ perSecond: 3, burst: 10 }), { points: 10, durationSeconds: 4 });
  t.deepEqual(endpointWindow({ perSecond: 5, burst: 1 }), { points: 5, durationSeconds: 1 });
});

test('RateLimitGate › an endpoint gets perSecond requests, then is parked until its window ends', async (t) => {
  const gate = endpointRateLimitGate({ store: createLimiterStore(null) });
  const limit = { perSecond: 3, burst: 3 };
  for (let i = 0; i < 3; i++) t.true((await gate.acquire(request('tnt_a', 'ep_a', limit))).admitted);
  const req = request('tnt_a', 'ep_a', limit);
  const refused = await gate.acquire(req);
  if (refused.admitted) return t.fail('the fourth request in the window was admitted');
  t.is(refused.reason, 'endpoint_rate_limit');
  t.true(refused.until > req.now && refused.until <= req.now + 1_000, `until ${refused.until - req.now} ms`);
  t.true(
    (await gate.acquire(request('tnt_a', 'ep_b', limit))).admitted,
    'another endpoint has its own window',
  );
  t.true((await gate.acquire(request('tnt_a', 'ep_c', null))).admitted, 'no rate limit, no refusal');
});

test('RateLimitGate › a tenant limit counts every endpoint of the tenant and no other tenant', async (t) => {
  const gate = tenantRateLimitGate({
    store: createLimiterStore(null),
    tenantLimits: (id) => Promise.resolve(id === 'tnt_gone' ? undefined : limits(2)),
  });
  t.true((await gate.acquire(request('tnt_a', 'ep_1'))).admitted);
  t.true((await gate.acquire(request('tnt_a', 'ep_2'))).admitted);
  const refused = await gate.acquire(request('tnt_a', 'ep_3'));
  t.false(refused.admitted);
  t.is(!refused.admitted && refused.reason, 'tenant_rate_limit');
  t.true((await gate.acquire(request('tnt_b', 'ep_4'))).admitted);
  t.true(
    (await gate.acquire(request('tnt_gone', 'ep_5'))).admitted,
    'an unknown tenant is left to the endpoint check',
  );
});

test('RateLimitGate › a request parked by a later gate gives its tenant point back', async (t) => {
  const store = createLimiterStore(null);
  const gates = [
    tenantRateLimitGate({ store, tenantLimits: () => Promise.resolve(limits(2)) }),
    endpointRateLimitGate({ store }),
  ];
  const limited = { perSecond: 1, burst: 1 };
  const first = await passGates(gates, request('tnt_a', 'ep_limited', limited));
  t.true(first.admitted);
  for (let i = 0; i < 5; i++) {
    t.false((await passGates(gates, request('tnt_a', 'ep_limited', limited))).admitted);
  }
  await new Promise((resolve) => setImmediate(resolve));
  // Five refusals by the endpoint gate spent nothing of the tenant's 2/s: one point is left.
  t.true((await passGates(gates, request('tnt_a', 'ep_other'))).admitted);
  t.false((await passGates(gates, request('tnt_a', 'ep_other'))).admitted);
});

test('RateLimitGate › a changed tenant limit applies from the next request', async (t) => {
  let perSecond = 1;
  const gate = tenantRateLimitGate({
    store: createLimiterStore(null),
    tenantLimits: () => Promise.resolve(limits(perSecond)),
  });
  t.true((await gate.acquire(request('tnt_a', 'ep_1'))).admitted);
  t.false((await gate.acquire(request('tnt_a', 'ep_1'))).admitted);
  perSecond = 10;
  t.true((await gate.acquire(request('tnt_a', 'ep_1'))).admitted);
});
