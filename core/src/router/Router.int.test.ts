import { randomBytes } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import {
  appendEvents,
  collectDeliveryRecords,
  createEndpoint,
  createTenant,
  eventRecord,
  openBacking,
  type RoutingBackend,
} from '../../../tests/support/routing.js';
import { derivedDeliveryId } from '../domain/ids.js';
import { encodeRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { InternalLog } from '../log/InternalLog.js';
import type { Database } from '../storage/index.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { createRouter, type Router, type RouterDeps } from './Router.js';
import { waitFor } from '@caravan/testing';

type Setup = Awaited<ReturnType<typeof openBacking>> & {
  start: (options?: Partial<RouterDeps>) => Promise<Router>;
};

function eachBackend(
  title: string,
  fn: (t: ExecutionContext, setup: Setup) => Promise<void>,
  backends: RoutingBackend[] = ['sqlite', 'mariadb'],
  options: Parameters<typeof openBacking>[1] = {},
) {
  for (const backend of backends) {
    test(`[${backend}] Router › ${title}`, async (t) => {
      const backing = await openBacking(backend, options);
      const routers: Router[] = [];
      t.teardown(async () => {
        await Promise.all(routers.map((r) => r.stop({ graceMs: 0 })));
        await backing.cleanup();
      });
      await fn(t, {
        ...backing,
        start: async (options = {}) => {
          const router = createRouter({
            log: backing.log,
            repository: backing.storage.routing,
            // Kafka groups span topics, and tests run side by side on one broker.
            groupId: `caravan-router-${randomBytes(4).toString('hex')}`,
            endpointCacheTtlMs: 0,
            ...options,
          });
          routers.push(router);
          await router.start();
          return router;
        },
      });
    });
  }
}

async function deliveryRows(db: Database) {
  const rows = await db('deliveries').select<
    { id: string; event_id: string; endpoint_id: string; status: string; attempt_count: number }[]
  >('id', 'event_id', 'endpoint_id', 'status', 'attempt_count');
  return rows.map((r) => `${r.event_id}>${r.endpoint_id}:${r.status}:${r.attempt_count}`).sort();
}

const pair = (eventId: string, endpointId: string, status: string) => `${eventId}>${endpointId}:${status}:0`;

async function fanOut(t: ExecutionContext, { db, log, start }: Setup) {
  const a = await createTenant(db);
  const b = await createTenant(db);
  const all = await createEndpoint(db, a);
  const invoices = await createEndpoint(db, a, { eventTypes: ['invoice.*'], ownerId: 'cus_1' });
  const large = await createEndpoint(db, a, {
    eventTypes: ['invoice.paid'],
    ownerId: 'cus_2',
    filter: { 'payload.amount': { $gte: 100 } },
  });
  const eu = await createEndpoint(db, a, { filter: { 'headers.x-region': 'eu' } });
  const paused = await createEndpoint(db, a, { ownerId: 'cus_1', status: 'paused' });
  const disabled = await createEndpoint(db, a, { status: 'disabled', disabledReason: 'gone' });
  const other = await createEndpoint(db, b);

  const small = eventRecord(a, { eventType: 'invoice.paid', payload: '{"amount":50}' });
  const big = eventRecord(a, {
    eventType: 'invoice.paid',
    payload: '{"amount": 150}',
    headers: { 'X-Region': 'eu' },
  });
  const owned = eventRecord(a, { eventType: 'customer.updated', ownerId: 'cus_1' });
  const direct = eventRecord(a, { eventType: 'invoice.sent', endpointId: invoices });
  const foreign = eventRecord(a, { eventType: 'invoice.paid', endpointId: other });
  const filteredOut = eventRecord(a, {
    eventType: 'invoice.paid',
    endpointId: large,
    payload: '{"amount":10}',
  });
  const wrongOwner = eventRecord(a, { eventType: 'invoice.paid', endpointId: invoices, ownerId: 'cus_2' });
  const tenantB = eventRecord(b, { eventType: 'invoice.paid' });
  const events = [small, big, owned, direct, foreign, filteredOut, wrongOwner, tenantB];

  const collected = await collectDeliveryRecords(log);
  const router = await start();
  await appendEvents(log, events);
  await waitFor(() => router.stats().records >= events.length, 'the router to finish every record');

  const expected = [
    ...[all, invoices, paused].map((ep) => pair(small.id, ep, 'pending')),
    pair(small.id, disabled, 'discarded'),
    ...[all, invoices, large, eu, paused].map((ep) => pair(big.id, ep, 'pending')),
    pair(big.id, disabled, 'discarded'),
    pair(owned.id, paused, 'pending'),
    pair(direct.id, invoices, 'pending'),
    pair(tenantB.id, other, 'pending'),
  ].sort();
  t.deepEqual(await deliveryRows(db), expected);
  t.is(
    Number(((await db('events').count({ n: '*' }).first()) as { n: number }).n),
    events.length,
    'every event is stored, matched or not',
  );

  const pending = expected.filter((p) => p.includes(':pending:')).length;
  await waitFor(() => collected.length >= pending, 'the delivery records');
  t.is(collected.length, pending, 'one record per pending delivery, none for discarded ones');
  const record = collected.find((r) => r.eventId === big.id && r.endpointId === eu)!;
  t.deepEqual(record, {
    v: 1,
    deliveryId: derivedDeliveryId(big.id, eu),
    tenantId: a,
    endpointId: eu,
    eventId: big.id,
    eventType: 'invoice.paid',
    payload: '{"amount": 150}',
    headers: { 'X-Region': 'eu' },
    eventCreatedAt: big.createdAt,
    attempt: 0,
  });
  t.false(
    collected.some((r) => r.endpointId === other && r.tenantId === a),
    "another tenant's endpoint is never matched",
  );
}

eachBackend('fans events out to exactly the endpoints their type, filter, owner and target match', fanOut);
eachBackend('fans out on the Kafka log too', fanOut, ['kafka']);

async function reprocessing(t: ExecutionContext, { db, log, start }: Setup) {
  const tenant = await createTenant(db);
  const first = await createEndpoint(db, tenant);
  const second = await createEndpoint(db, tenant, { eventTypes: ['order.*'] });
  const events = Array.from({ length: 20 }, (_, i) =>
    eventRecord(tenant, { eventType: 'order.created', payload: `{"n":${i}}` }),
  );
  const collected = await collectDeliveryRecords(log);
  const router = await start();

  // Twice in one append (a batch holding both copies), then once more later (a redelivery after a crash).
  await appendEvents(log, [...events, ...events]);
  await waitFor(() => router.stats().records >= 40, 'the first two copies');
  await appendEvents(log, events);
  await waitFor(() => router.stats().records >= 60, 'the third copy');

  t.is(
    Number(((await db('events').count({ n: '*' }).first()) as { n: number }).n),
    20,
    'no duplicate event rows',
  );
  const rows = await deliveryRows(db);
  t.is(rows.length, 40, 'one delivery per (event, endpoint)');
  t.is(new Set(rows).size, 40);
  t.deepEqual(
    rows,
    events.flatMap((e) => [pair(e.id, first, 'pending'), pair(e.id, second, 'pending')]).sort(),
  );
  // Every pass re-appends the delivery records: a crash between the inserts and the append must not
  // leave a delivery unsent; the dispatcher skips the stale copies.
  await waitFor(() => collected.length >= 80, 'the re-appended delivery records');
  const perDelivery = new Map<string, number>();
  for (const r of collected) perDelivery.set(r.deliveryId, (perDelivery.get(r.deliveryId) ?? 0) + 1);
  t.is(perDelivery.size, 40);
  t.true(
    [...perDelivery.values()].every((n) => n >= 2),
    'each delivery record appended again on reprocessing',
  );
}

eachBackend('routes the same event records again without duplicating events or deliveries', reprocessing);
eachBackend('reprocesses on the Kafka log too', reprocessing, ['kafka']);

eachBackend(
  'ignores a later copy of an event already routed (a raced idempotent publish)',
  async (t, { db, log, start }) => {
    const tenant = await createTenant(db);
    const early = await createEndpoint(db, tenant);
    const router = await start();
    const original = eventRecord(tenant, {
      eventType: 'order.created',
      payload: '{"first":true}',
      idempotencyKey: 'k',
    });
    await appendEvents(log, [original]);
    await waitFor(() => router.stats().records >= 1, 'the original');

    const late = await createEndpoint(db, tenant);
    await appendEvents(log, [{ ...original, payload: '{"second":true}', createdAt: original.createdAt + 5 }]);
    await waitFor(() => router.stats().records >= 2, 'the copy');

    t.deepEqual(
      await deliveryRows(db),
      [pair(original.id, early, 'pending')],
      'the copy delivers nothing new',
    );
    t.not(late, early);
    const stored = await db('events')
      .where({ id: original.id })
      .first<{ payload: Buffer; created_at: number | string }>('payload', 'created_at');
    t.is(Buffer.from(stored.payload).toString('utf8'), '{"first":true}', 'the first payload is kept');
    t.is(Number(stored.created_at), original.createdAt);
  },
);

eachBackend('drops undecodable records without blocking their partition', async (t, { db, log, start }) => {
  const tenant = await createTenant(db);
  const endpoint = await createEndpoint(db, tenant);
  const good = eventRecord(tenant, { eventType: 'order.created' });
  const router = await start();
  // Same key, so the same partition: the good record comes after the bad ones.
  await log.append('events', [
    { key: good.id, value: Buffer.from('not json') },
    { key: good.id, value: Buffer.from(JSON.stringify({ v: 2, id: 'evt_future' })) },
    { key: good.id, value: encodeRecord({ ...good, createdAt: 'yesterday' as unknown as number }) },
    { key: good.id, value: encodeRecord(good) },
  ]);
  await waitFor(() => router.stats().records >= 4, 'every record to be finished');
  t.is(router.stats().undecodable, 3);
  t.deepEqual(await deliveryRows(db), [pair(good.id, endpoint, 'pending')]);
});

eachBackend(
  'checks an endpoint the cache says is disabled before discarding its delivery',
  async (t, { db, log, start }) => {
    const tenant = await createTenant(db);
    const endpoint = await createEndpoint(db, tenant, { status: 'disabled', disabledReason: 'gone' });
    const router = await start({ endpointCacheTtlMs: 60_000 });
    const before = eventRecord(tenant, { eventType: 'order.created' });
    await appendEvents(log, [before]);
    await waitFor(() => router.stats().records >= 1, 'the first event');

    await db('endpoints').where({ id: endpoint }).update({ status: 'active', disabled_reason: null });
    const after = eventRecord(tenant, { eventType: 'order.created' });
    await appendEvents(log, [after]);
    await waitFor(() => router.stats().records >= 2, 'the second event');

    t.deepEqual(
      await deliveryRows(db),
      [pair(before.id, endpoint, 'discarded'), pair(after.id, endpoint, 'pending')].sort(),
      'resumed within the cache lifetime, the endpoint still gets the event',
    );
  },
);

eachBackend("uses a tenant's cached endpoints for the cache lifetime", async (t, { db, log, start }) => {
  const tenant = await createTenant(db);
  const endpoint = await createEndpoint(db, tenant);
  const router = await start({ endpointCacheTtlMs: 60_000 });
  const firstBatch = Array.from({ length: 50 }, () => eventRecord(tenant, { eventType: 'order.created' }));
  await appendEvents(log, firstBatch);
  await waitFor(() => router.stats().records >= 50, 'the first events');

  // Created after the tenant's endpoints were cached: events routed within the lifetime do not see it.
  await createEndpoint(db, tenant);
  const later = eventRecord(tenant, { eventType: 'order.created' });
  await appendEvents(log, [later]);
  await waitFor(() => router.stats().records >= 51, 'the later event');
  t.deepEqual(
    (await deliveryRows(db)).filter((r) => r.startsWith(later.id)),
    [pair(later.id, endpoint, 'pending')],
  );
});

eachBackend('fans out in chunks of bounded size', async (t, { db, log, start }) => {
  const tenant = await createTenant(db);
  const endpoints = await Promise.all(Array.from({ length: 7 }, () => createEndpoint(db, tenant)));
  const events = Array.from({ length: 40 }, () => eventRecord(tenant, { eventType: 'order.created' }));
  const appendSizes: number[] = [];
  const counted: InternalLog = {
    init: () => log.init(),
    append: (topic, records) => {
      if (topic === 'deliveries') appendSizes.push(records.length);
      return log.append(topic, records);
    },
    subscribe: (options) => log.subscribe(options),
    close: (options) => log.close(options),
  };
  const collected = await collectDeliveryRecords(log);
  const router = await start({ log: counted, fanOutChunk: { maxDeliveries: 50, maxBytes: 1 << 20 } });
  await appendEvents(log, events);
  await waitFor(() => router.stats().records >= events.length, 'every event');

  t.deepEqual(
    await deliveryRows(db),
    events.flatMap((e) => endpoints.map((ep) => pair(e.id, ep, 'pending'))).sort(),
  );
  await waitFor(() => collected.length >= 280, 'every delivery record');
  t.is(
    appendSizes.reduce((a, b) => a + b, 0),
    280,
  );
  t.true(Math.max(...appendSizes) <= 50, `no chunk above 50 deliveries: ${appendSizes.join(',')}`);
});

eachBackend(
  'routes later batches of a partition while an earlier one is unfinished, and commits only below it',
  async (t, { db, log, storage, start }) => {
    const tenant = await createTenant(db);
    const endpoint = await createEndpoint(db, tenant);
    const events = Array.from({ length: 15 }, (_, i) =>
      eventRecord(tenant, { eventType: 'order.created', payload: `{"n":${i}}` }),
    );
    const stuck = events[0]!;
    let fail: (error: Error) => void = () => undefined;
    const hanging = new Promise<never>((_, reject) => (fail = reject));
    hanging.catch(() => undefined);
    const repository: RoutingRepository = {
      tenantEndpoints: (id) => storage.routing.tenantEndpoints(id),
      endpointStatuses: (id, ids) => storage.routing.endpointStatuses(id, ids),
      insertRouted: (rows, deliveriesFor) =>
        rows.some((r) => r.id === stuck.id) ? hanging : storage.routing.insertRouted(rows, deliveriesFor),
      insertDeliveries: (rows) => storage.routing.insertDeliveries(rows),
    };
    const groupId = `caravan-router-${randomBytes(4).toString('hex')}`;
    // Appended before the router starts, so its first fetch hands over all 15 (as three batches of 5);
    // appended while it runs, the first fetches may hand over a few at a time and fill the handovers
    // allowed per partition behind the stuck one.
    await appendEvents(log, events);
    const first = await start({ repository, groupId, batchSize: 5, concurrency: 3 });
    await waitFor(() => first.stats().records >= 10, 'the two later batches', 90_000);
    t.true(first.stats().records < 15, 'the first batch is still unfinished');
    // The router dies with its first batch unfinished: the log must hand that batch out again.
    await first.stop({ graceMs: 0 });
    fail(new Error('the database went away'));

    const second = await start({ groupId, batchSize: 5 });
    // The second router gets at least the unfinished batch again: nothing was committed past it.
    // On Kafka the group may wait for the first member's session to time out before it rebalances.
    await waitFor(() => second.stats().records >= 5, 'the unfinished batch, delivered again', 180_000);
    t.deepEqual(await deliveryRows(db), events.map((e) => pair(e.id, endpoint, 'pending')).sort());
  },
  ['sqlite', 'mariadb', 'kafka'],
  // One partition: the later batches are behind the stuck one in it.
  { partitions: { events: 1, deliveries: 1 } },
);

async function countRows(db: Database, table: 'events' | 'deliveries', tenantId: string): Promise<number> {
  const row = (await db(table).where({ tenant_id: tenantId }).count({ n: '*' }).first()) as { n: number };
  return Number(row.n);
}

const A_ENDPOINTS = 6;

/**
 * One partition, so B's events sit behind all of A's backlog in it, as when their shards collide; and one
 * `deliveries` partition, so its records are in routing order.
 */
const onePartition = { partitions: { events: 1, deliveries: 1 } };

async function backlogBehind(
  { db, log, start }: Setup,
  options: Partial<RouterDeps> = {},
  bSeenFirst = true,
): Promise<{ a: string; b: string; router: Router; backlog: EventRecord[]; late: EventRecord[] }> {
  const a = await createTenant(db);
  const b = await createTenant(db);
  // A's events fan out wider than B's: routing them costs more than moving them aside.
  for (let i = 0; i < A_ENDPOINTS; i++) await createEndpoint(db, a, { eventTypes: ['order.*'] });
  await createEndpoint(db, b);
  // In the log before the router starts, so only the order counts: one event of B (unless B is to be
  // out of sight), A's backlog, then more of B's events behind it.
  if (bSeenFirst) await appendEvents(log, [eventRecord(b, { eventType: 'order.created' })]);
  const backlog = Array.from({ length: 2000 }, (_, i) =>
    eventRecord(a, { eventType: 'order.created', payload: `{"n":${i}}` }),
  );
  const late = Array.from({ length: 20 }, () => eventRecord(b, { eventType: 'order.created' }));
  for (let i = 0; i < backlog.length; i += 500) await appendEvents(log, backlog.slice(i, i + 500));
  await appendEvents(log, late);
  // The backlog is behind once the router starts: its records were appended more than `behindMs` ago.
  await new Promise((resolve) => setTimeout(resolve, 600));
  const router = await start({ activeTenantMs: 600_000, batchSize: 100, behindMs: 500, ...options });
  return { a, b, router, backlog, late };
}

/** Waits for a delivery of each of A's `backlog` events (to each of its endpoints) and of B's `bEvents`. */
async function everythingRouted(db: Database, a: string, b: string, backlog: number, bEvents: number) {
  await waitFor(
    async () =>
      (await countRows(db, 'deliveries', a)) >= backlog * A_ENDPOINTS &&
      (await countRows(db, 'deliveries', b)) >= bEvents,
    'every event to be routed',
    120_000,
  );
}

async function fairShares(t: ExecutionContext, setup: Setup, bSeenFirst: boolean) {
  const { db, log } = setup;
  const collected = await collectDeliveryRecords(log);
  const { a, b, router, backlog, late } = await backlogBehind(setup, {}, bSeenFirst);
  const bEvents = late.length + (bSeenFirst ? 1 : 0);
  await everythingRouted(db, a, b, backlog.length, bEvents);
  const total = backlog.length * A_ENDPOINTS + bEvents;
  await waitFor(() => collected.length >= total, 'every delivery record', 60_000);
  // One `deliveries` partition: the records are in the order they were routed.
  const lastOfB = collected.map((r) => r.tenantId).lastIndexOf(b);
  const aBefore = collected.slice(0, lastOfB).filter((r) => r.tenantId === a).length / A_ENDPOINTS;
  // Strictly first in, first out, all of A's backlog would come first. Moving it aside takes fetch
  // rounds of the log, during which the router keeps routing A: its records kept in hand, and those
  // already read back from `events-overflow` (nobody else has work in sight yet).
  t.true(
    aBefore < backlog.length * 0.9,
    `B's events were routed after ${aBefore} of the ${backlog.length} of A's backlog ahead of them`,
  );
  t.true(router.stats().movedAside > 0, "A's surplus was moved aside");
  t.is(await countRows(db, 'events', a), backlog.length, 'A loses nothing');
}

eachBackend(
  "a tenant with nothing being routed gets a slot while every slot routes another tenant's batches",
  async (t, { db, log, storage, start }) => {
    const a = await createTenant(db);
    const b = await createTenant(db);
    await createEndpoint(db, a);
    const bEndpoint = await createEndpoint(db, b);
    // A's batches never finish while the test runs: every routing slot stays busy with them.
    const hanging = new Promise<never>(() => undefined);
    let aBatches = 0;
    const repository: RoutingRepository = {
      tenantEndpoints: (id) => storage.routing.tenantEndpoints(id),
      endpointStatuses: (id, ids) => storage.routing.endpointStatuses(id, ids),
      insertRouted: (rows, deliveriesFor) => {
        if (!rows.some((r) => r.tenantId === a)) return storage.routing.insertRouted(rows, deliveriesFor);
        aBatches++;
        return hanging;
      },
      insertDeliveries: (rows) => storage.routing.insertDeliveries(rows),
    };
    // Appended before the router starts, so its first fetch hands them over at once: appended while it
    // runs, they may come a few at a time and fill the handovers the partition may have unfinished, and
    // B's record behind them would not be handed over at all while A's batches hang.
    await appendEvents(
      log,
      Array.from({ length: 20 }, () => eventRecord(a, { eventType: 'order.created' })),
    );
    await start({ repository, batchSize: 5, concurrency: 2, activeTenantMs: 600_000 });
    await waitFor(() => aBatches === 2, "A's batches in both slots", 60_000);
    const late = eventRecord(b, { eventType: 'order.created' });
    await appendEvents(log, [late]);
    await waitFor(async () => (await countRows(db, 'deliveries', b)) === 1, "B's event to be routed", 60_000);
    t.deepEqual(
      (await deliveryRows(db)).filter((row) => row.includes(bEndpoint)),
      [pair(late.id, bEndpoint, 'pending')],
    );
    t.is(await countRows(db, 'events', a), 0, "A's batches are still being routed");
  },
  ['sqlite', 'mariadb', 'kafka'],
  onePartition,
);

eachBackend(
  'keeps tenants to their shares: a backlog does not hold up another tenant behind it',
  (t, setup) => fairShares(t, setup, true),
  ['sqlite', 'kafka'],
  onePartition,
);

eachBackend(
  'a backlog does not hide another tenant behind it, one the router has not seen yet',
  (t, setup) => fairShares(t, setup, false),
  ['sqlite', 'kafka'],
  onePartition,
);

eachBackend(
  'never moves a lone tenant aside while it keeps up',
  async (t, { db, log, start }) => {
    const tenant = await createTenant(db);
    await createEndpoint(db, tenant);
    const events = Array.from({ length: 1500 }, () => eventRecord(tenant, { eventType: 'order.created' }));
    // Behind only once a record waits 10 s: appended at 500 a second while it runs, it keeps up.
    const router = await start({ batchSize: 100, activeTenantMs: 600_000, behindMs: 10_000 });
    for (let i = 0; i < events.length; i += 50) {
      await appendEvents(log, events.slice(i, i + 50));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor(() => router.stats().records >= events.length, 'every event', 120_000);
    t.is(router.stats().movedAside, 0);
    t.is(router.stats().fromOverflow, 0);
    t.is(await countRows(db, 'deliveries', tenant), events.length);
  },
  ['sqlite', 'kafka'],
  onePartition,
);

eachBackend(
  'routes moved records exactly like the others, across a stop mid-way',
  async (t, setup) => {
    const { db, log } = setup;
    const collected = await collectDeliveryRecords(log);
    const groupId = `caravan-router-${randomBytes(4).toString('hex')}`;
    const { a, b, router, backlog, late } = await backlogBehind(setup, { groupId });
    await waitFor(() => router.stats().movedAside >= 300, 'records moved aside', 120_000);
    await router.stop({ graceMs: 0 });
    const second = await setup.start({ groupId, batchSize: 100, activeTenantMs: 600_000 });
    await everythingRouted(db, a, b, backlog.length, late.length + 1);

    const ids = await db('deliveries').whereIn('tenant_id', [a, b]).select<{ id: string }[]>('id');
    t.is(ids.length, backlog.length * A_ENDPOINTS + late.length + 1, 'one delivery per (event, endpoint)');
    t.is(await countRows(db, 'events', a), backlog.length);
    await waitFor(
      () => new Set(collected.map((r) => r.deliveryId)).size >= ids.length,
      'a record of every delivery',
      60_000,
    );
    t.deepEqual([...new Set(collected.map((r) => r.deliveryId))].sort(), ids.map((r) => r.id).sort());
    t.true(router.stats().movedAside + second.stats().movedAside > 0);
  },
  ['sqlite', 'kafka'],
  onePartition,
);
