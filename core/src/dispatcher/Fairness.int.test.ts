import { randomBytes } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import {
  openDispatchBacking,
  seedEndpoint,
  seedTenant,
  startReceiver,
  testKeyRing,
  type DispatchBackend,
  type Receiver,
} from '../../../tests/support/dispatching.js';
import { systemClock } from '../domain/Clock.js';
import { derivedDeliveryId, newId } from '../domain/ids.js';
import { encodeRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import type { Database } from '../storage/index.js';
import { createScheduler } from '../scheduler/Scheduler.js';
import { KnexDispatchRepository } from '../storage/knex/KnexDispatchRepository.js';
import { KnexEndpointRepository } from '../storage/knex/KnexEndpointRepository.js';
import { KnexSchedulerRepository } from '../storage/knex/KnexSchedulerRepository.js';
import { createDispatcher } from './Dispatcher.js';
import { EndpointCache, loadFromRepository } from './EndpointCache.js';
import { HttpSender } from './HttpSender.js';
import { waitFor } from '@caravan/testing';

const logger = pino({ level: 'silent' });

/** `n` events and their deliveries to one endpoint, inserted in bulk as the router would; their records. */
async function seedBacklog(db: Database, tenantId: string, endpointId: string, n: number) {
  const now = Date.now();
  const records: DeliveryRecord[] = [];
  const events = [];
  const deliveries = [];
  for (let i = 0; i < n; i++) {
    const eventId = newId('evt', now);
    const payload = JSON.stringify({ i });
    events.push({
      id: eventId,
      tenant_id: tenantId,
      event_type: 'load.test',
      payload: Buffer.from(payload),
      headers: '{}',
      created_at: now,
    });
    const deliveryId = derivedDeliveryId(eventId, endpointId);
    deliveries.push({
      id: deliveryId,
      tenant_id: tenantId,
      event_id: eventId,
      endpoint_id: endpointId,
      event_type: 'load.test',
      status: 'pending',
      attempt_count: 0,
      next_attempt_at: null,
      created_at: now,
      updated_at: now,
    });
    records.push({
      v: 1,
      deliveryId,
      tenantId,
      endpointId,
      eventId,
      eventType: 'load.test',
      payload,
      headers: {},
      eventCreatedAt: now,
      attempt: 0,
    });
  }
  await db.batchInsert('events', events, 200);
  await db.batchInsert('deliveries', deliveries, 200);
  return records;
}

/** A dispatcher (default queue settings) and a scheduler on one backing whose log has a single partition. */
async function pipeline(t: ExecutionContext, backend: DispatchBackend) {
  const backing = await openDispatchBacking(backend);
  const keyRing = testKeyRing();
  const sender = new HttpSender({ allowedCidrs: ['127.0.0.0/8'], clock: systemClock });
  const receivers: Receiver[] = [];
  const dispatcher = createDispatcher({
    log: backing.log,
    deliveries: new KnexDispatchRepository({ db: backing.db }),
    endpoints: new EndpointCache({
      load: loadFromRepository({ endpoints: new KnexEndpointRepository({ db: backing.db }), keyRing }),
      clock: systemClock,
    }),
    sender,
    clock: systemClock,
    logger,
    userAgent: 'Caravan/0.0.0-test',
    groupId: `caravan-dispatcher-${randomBytes(4).toString('hex')}`,
    flushIntervalMs: 10,
  });
  const scheduler = createScheduler({
    log: backing.log,
    deliveries: new KnexSchedulerRepository({ db: backing.db }),
    clock: systemClock,
    logger,
    intervalMs: 100,
  });
  t.teardown(async () => {
    await scheduler.stop();
    await dispatcher.stop({ graceMs: 0 });
    await Promise.all(receivers.map((r) => r.close()));
    await sender.close();
    await backing.cleanup();
  });
  return {
    db: backing.db,
    async tenant(receiver: Receiver, timeoutMs = 5_000, maxConcurrency: number | null = null) {
      receivers.push(receiver);
      const tenantId = await seedTenant(backing.db);
      const endpoint = await seedEndpoint(backing.db, keyRing, tenantId, { url: receiver.url, timeoutMs });
      await backing.db('endpoints').where({ id: endpoint.id }).update({ max_concurrency: maxConcurrency });
      return { tenantId, endpointId: endpoint.id };
    },
    append: (records: DeliveryRecord[]) =>
      backing.log.append(
        'deliveries',
        records.map((r) => ({ key: r.endpointId, value: encodeRecord(r) })),
      ),
    async start() {
      await dispatcher.start();
      scheduler.start();
    },
  };
}

const ids = (receiver: Receiver) => new Set(receiver.received.map((r) => r.headers['webhook-id']));

for (const backend of ['sqlite', 'kafka'] as const) {
  test(`[${backend}] Fairness › a quiet tenant's deliveries arrive while a noisy tenant's backlog is far from drained`, async (t) => {
    const p = await pipeline(t, backend);
    const noisyReceiver = await startReceiver();
    const quietReceiver = await startReceiver();
    const noisy = await p.tenant(noisyReceiver);
    const quiet = await p.tenant(quietReceiver);
    const backlog = await seedBacklog(p.db, noisy.tenantId, noisy.endpointId, 3_000);
    const calm = await seedBacklog(p.db, quiet.tenantId, quiet.endpointId, 20);
    // One partition, the noisy backlog first: without fairness the quiet records wait behind all of it.
    await p.append(backlog);
    await p.append(calm);
    await p.start();
    await waitFor(
      () => calm.every((r) => ids(quietReceiver).has(r.eventId)),
      'the quiet deliveries',
      120_000,
    );
    const noisyDone = ids(noisyReceiver).size;
    t.true(
      noisyDone < backlog.length / 2,
      `the noisy tenant had ${noisyDone} of ${backlog.length} delivered`,
    );
    await waitFor(
      () => ids(noisyReceiver).size === backlog.length,
      'the noisy backlog to drain in the end',
      180_000,
    );
  });

  test(`[${backend}] Fairness › an endpoint never has more requests in flight than its maxConcurrency`, async (t) => {
    const p = await pipeline(t, backend);
    let inFlight = 0;
    let peak = 0;
    const receiver = await startReceiver(async (_req, res) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 50));
      inFlight--;
      res.writeHead(204).end();
    });
    const { tenantId, endpointId } = await p.tenant(receiver, 5_000, 2);
    const records = await seedBacklog(p.db, tenantId, endpointId, 30);
    await p.append(records);
    await p.start();
    await waitFor(() => records.every((r) => ids(receiver).has(r.eventId)), 'every delivery', 60_000);
    t.is(peak, 2);
  });

  test(`[${backend}] Fairness › a noisy tenant's endpoint that does not answer holds no other tenant's deliveries`, async (t) => {
    const p = await pipeline(t, backend);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Answers nothing until the quiet tenant is served: if the quiet deliveries waited behind any of its
    // requests, the test would time out.
    const hung = await startReceiver(async (_req, res) => {
      await released;
      res.writeHead(204).end();
    });
    const quietReceiver = await startReceiver();
    const noisy = await p.tenant(hung, 120_000);
    const quiet = await p.tenant(quietReceiver);
    const backlog = await seedBacklog(p.db, noisy.tenantId, noisy.endpointId, 1_500);
    const calm = await seedBacklog(p.db, quiet.tenantId, quiet.endpointId, 20);
    await p.append(backlog);
    await p.append(calm);
    await p.start();
    try {
      await waitFor(
        () => calm.every((r) => ids(quietReceiver).has(r.eventId)),
        'the quiet deliveries',
        60_000,
      );
      const held = hung.received.length;
      t.true(held > 0 && held <= 50, `${held} requests held by the hung endpoint at once`);
    } finally {
      release();
    }
  });
}
