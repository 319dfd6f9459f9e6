import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import {
  openDispatchRig,
  seedBacklog,
  seedEndpoint,
  seedTenant,
  type DispatchBackend,
  type Receiver,
} from '../../../tests/support/dispatching.js';
import { systemClock } from '../domain/Clock.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import { createScheduler } from '../scheduler/Scheduler.js';
import { waitFor } from '@caravan/testing';

const logger = pino({ level: 'silent' });

/** A dispatcher (default queue settings) and a scheduler on one backing whose log has a single partition. */
async function pipeline(t: ExecutionContext, backend: DispatchBackend) {
  const rig = await openDispatchRig(t, backend, { clock: systemClock });
  const scheduler = createScheduler({
    log: rig.log,
    deliveries: rig.storage.scheduler,
    clock: systemClock,
    logger,
    intervalMs: 100,
  });
  t.teardown(() => scheduler.stop());
  return {
    db: rig.db,
    receiver: (...args: Parameters<typeof rig.receiver>) => rig.receiver(...args),
    async tenant(receiver: Receiver, timeoutMs = 5_000, maxConcurrency: number | null = null) {
      const tenantId = await seedTenant(rig.db);
      const endpoint = await seedEndpoint(rig.db, rig.keyRing, tenantId, { url: receiver.url, timeoutMs });
      await rig.db('endpoints').where({ id: endpoint.id }).update({ max_concurrency: maxConcurrency });
      return { tenantId, endpointId: endpoint.id };
    },
    append: (records: DeliveryRecord[]) => rig.append(...records),
    async start() {
      await rig.startDispatcher({ dispatcher: { random: Math.random } });
      scheduler.start();
    },
  };
}

const ids = (receiver: Receiver) => new Set(receiver.received.map((r) => r.headers['webhook-id']));

for (const backend of ['sqlite', 'kafka'] as const) {
  test(`[${backend}] Fairness › a quiet tenant's deliveries arrive while a noisy tenant's backlog is far from drained`, async (t) => {
    const p = await pipeline(t, backend);
    const noisyReceiver = await p.receiver();
    const quietReceiver = await p.receiver();
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
    const receiver = await p.receiver(async (_req, res) => {
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
    const hung = await p.receiver(async (_req, res) => {
      await released;
      res.writeHead(204).end();
    });
    const quietReceiver = await p.receiver();
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
