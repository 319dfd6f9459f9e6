import { CaravanApiError } from '@caravan/client';
import test, { type ExecutionContext } from 'ava';
import { caravanClient } from '../support/caravanClient.js';
import { startReceiver, type Receiver } from '../support/dispatching.js';
import { startProductionApi } from '../support/productionEnv.js';
import { waitFor } from '@caravan/testing';

/** Requests per wall-clock second at the receiver, for the requests `which` picks. */
function perSecond(receiver: Receiver, which: (webhookId: string) => boolean): number[] {
  const counts = new Map<number, number>();
  for (const r of receiver.received) {
    if (!which(r.headers['webhook-id'] ?? '')) continue;
    const second = Math.floor(r.receivedAt / 1000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return [...counts.values()];
}

/** Seconds from the first to the last of the requests `which` picks. */
function spanSeconds(receiver: Receiver, which: (webhookId: string) => boolean): number {
  const times = receiver.received
    .filter((r) => which(r.headers['webhook-id'] ?? ''))
    .map((r) => r.receivedAt);
  return (Math.max(...times) - Math.min(...times)) / 1000;
}

/** How much earlier or later than its grant a request may reach the receiver, in seconds. */
const ARRIVAL_JITTER_S = 0.25;

async function startInstallation(t: ExecutionContext) {
  const { env, api, startWorker } = await startProductionApi(t, 'limits', { partitions: 4, redis: true });
  // Two dispatching workers: the limits must hold over both, through the counters they share in Redis.
  for (let i = 0; i < 2; i++) await startWorker();
  return { url: api.url, admin: caravanClient(api.url, env.CARAVAN_ADMIN_KEY) };
}

test('rate limits › endpoint and tenant limits hold across two workers sharing Redis, and edits apply within seconds', async (t) => {
  const { url, admin } = await startInstallation(t);
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  const tenant = await admin.tenants.create({ name: 'Limited', limits: { deliveriesPerSecond: 5 } });
  const api = caravanClient(url, (await admin.apiKeys.create(tenant.id, {})).key);
  let endpoints = 0;
  const endpoint = async (body: { eventTypes: string[]; rateLimit?: { perSecond: number; burst: number } }) =>
    (await api.endpoints.create({ url: `${receiver.url}?endpoint=${++endpoints}`, ...body })).id;
  const limited = await endpoint({ eventTypes: ['invoice.*'], rateLimit: { perSecond: 3, burst: 3 } });
  const others = [
    await endpoint({ eventTypes: ['order.*'] }),
    await endpoint({ eventTypes: ['order.*'] }),
    await endpoint({ eventTypes: ['order.*'] }),
  ];
  const publish = async (eventType: string, n: number) => {
    const res = await api.events.sendBatch({
      events: Array.from({ length: n }, (_, i) => ({ eventType, payload: { i } })),
    });
    return new Set(res.data.map((d) => d.id));
  };
  // Delivery is at least once: a copy may arrive twice (a partition changing hands), so count distinct
  // (endpoint, webhook-id) pairs.
  const arrived =
    (ids: Set<string>, times = 1) =>
    () =>
      new Set(
        receiver.received
          .filter((r) => ids.has(r.headers['webhook-id'] ?? ''))
          .map((r) => `${r.url} ${r.headers['webhook-id']}`),
      ).size >=
      ids.size * times;

  // The endpoint's 3/s: 18 events, every one delivered. The limiter's fixed 1 s windows do not line up
  // with the receiver's clock seconds, so one clock second may see the end of one window and the start of
  // the next (at most 2 × 3); over the run the rate holds: 18 requests take at least 18/3 - 2 windows.
  // The receiver sees arrivals, not the limiter's grants: each request's way there (a few ms, tens under
  // load) may shorten the span by that much, so a quarter of a second is allowed for it. Unlimited, the
  // 18 would arrive within a fraction of a second.
  const invoices = await publish('invoice.paid', 18);
  await waitFor(arrived(invoices), 'every invoice at the limited endpoint', 120_000);
  const invoiceSeconds = perSecond(receiver, (id) => invoices.has(id));
  t.true(Math.max(...invoiceSeconds) <= 6, `requests per second: ${invoiceSeconds.join(' ')}`);
  const invoiceSpan = spanSeconds(receiver, (id) => invoices.has(id));
  t.true(
    invoiceSpan >= 4 - ARRIVAL_JITTER_S,
    `18 requests at 3/s took ${invoiceSpan} s (${invoiceSeconds.join(' ')})`,
  );

  // The tenant's 5/s over three endpoints (on different partitions, so both workers send).
  const orders = await publish('order.created', 10);
  await waitFor(arrived(orders, 3), 'every order at the three endpoints', 120_000);
  const orderSeconds = perSecond(receiver, (id) => orders.has(id));
  t.true(Math.max(...orderSeconds) <= 10, `requests per second: ${orderSeconds.join(' ')}`);
  const orderSpan = spanSeconds(receiver, (id) => orders.has(id));
  t.true(
    orderSpan >= 4 - ARRIVAL_JITTER_S,
    `30 requests at 5/s took ${orderSpan} s (${orderSeconds.join(' ')})`,
  );

  // Waiting for the limit was never an attempt.
  const deliveriesOf = async (endpointId: string) =>
    (await api.deliveries.list({ endpointId, limit: 100 })).data;
  for (const endpointId of [limited, ...others]) {
    await waitFor(
      async () => (await deliveriesOf(endpointId)).every((d) => d.status === 'succeeded'),
      'every delivery to be recorded',
      30_000,
    );
    const deliveries = await deliveriesOf(endpointId);
    t.is(deliveries.length, endpointId === limited ? 18 : 10);
    t.true(
      deliveries.every((d) => d.attemptCount === 1),
      JSON.stringify(deliveries.filter((d) => d.attemptCount !== 1)),
    );
  }

  // Raising both limits through the API applies within seconds: keep publishing until a second shows
  // more requests than the old limits allowed.
  await admin.tenants.update(tenant.id, { limits: { deliveriesPerSecond: 1000 } });
  const patched = await api.endpoints.update(limited, { rateLimit: { perSecond: 50, burst: 50 } });
  t.like(patched, { rateLimit: { perSecond: 50, burst: 50 } });
  await waitFor(
    async () => {
      const batch = await publish('invoice.paid', 20);
      await waitFor(arrived(batch), 'a batch of invoices', 60_000);
      return Math.max(...perSecond(receiver, (id) => batch.has(id))) > 8;
    },
    'the raised limits to apply',
    90_000,
  );
});

test('rate limits › over its ingest limit a tenant gets 429 with Retry-After, and a raised limit lets it in again', async (t) => {
  const { url, admin } = await startInstallation(t);
  const tenant = await admin.tenants.create({ name: 'Chatty', limits: { ingestPerSecond: 3 } });
  const api = caravanClient(url, (await admin.apiKeys.create(tenant.id, {})).key);
  // Ten at once: the window lets three in (six if it turns over meanwhile), the rest must wait. The
  // client does not retry, so each refusal surfaces with its status and headers.
  const sendTen = () =>
    Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => api.events.send({ eventType: 'a.b', payload: { i } })),
    );
  const answers = await sendTen();
  const accepted = answers.filter((a) => a.status === 'fulfilled').length;
  t.true(accepted >= 3 && accepted <= 6, `accepted ${accepted} of 10`);
  const refusals = answers.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
  const refused = refusals.find(
    (e): e is CaravanApiError => e instanceof CaravanApiError && e.status === 429,
  );
  if (!refused) return t.fail(`no 429 among ${refusals.map(String).join('; ')}`);
  t.is(refused.code, 'CARAVAN_INGEST_RATE_LIMITED');
  t.is(refused.headers.get('retry-after'), '1');
  t.is(refused.headers.get('ratelimit-limit'), '3');
  t.is(refused.headers.get('ratelimit-remaining'), '0');

  await admin.tenants.update(tenant.id, { limits: { ingestPerSecond: 1000 } });
  await waitFor(
    async () => (await sendTen()).every((a) => a.status === 'fulfilled'),
    'ten events in one second to be accepted after the raise',
    30_000,
  );
});
