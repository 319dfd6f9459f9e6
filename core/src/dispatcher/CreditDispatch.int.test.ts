import test, { type ExecutionContext } from 'ava';
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
import type { LogRecord } from '../log/InternalLog.js';
import { bytesInHand } from './DeliveryIntake.js';
import { waitFor } from '@caravan/testing';

// No scheduler runs in these tests: whatever the dispatcher held back in the database would never come
// back, so every delivery arriving proves that flow control stayed in memory and on the log.

// About 200 records' worth (these tests' records are about 350 bytes): as many as the requests in
// flight (200).
const budget = 200 * bytesInHand({ value: Buffer.alloc(350) } as LogRecord);

async function rig(t: ExecutionContext, backend: DispatchBackend) {
  const r = await openDispatchRig(t, backend, { clock: systemClock });
  // Each request takes a few milliseconds, so work queues up behind the sends.
  const slow = () =>
    r.receiver(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      res.writeHead(204).end();
    });
  return {
    ...r,
    async tenant() {
      const receiver = await slow();
      const tenantId = await seedTenant(r.db);
      const endpoint = await seedEndpoint(r.db, r.keyRing, tenantId, { url: receiver.url });
      return { receiver, tenantId, endpointId: endpoint.id };
    },
    start: () => r.startDispatcher({ dispatcher: { memoryBudgetBytes: budget, random: Math.random } }),
  };
}

const ids = (receiver: Receiver) => new Set(receiver.received.map((r) => r.headers['webhook-id']));
const allArrived = (receiver: Receiver, records: DeliveryRecord[]) => () =>
  records.every((r) => ids(receiver).has(r.eventId));

/**
 * One partition holding 600 records of an endpoint answering in `slowMs`, then 50 of a fast endpoint of
 * the same tenant: the fast endpoint's records sit behind a backlog that may have only a quarter of the
 * slots in flight.
 */
async function backlogBehindSlowEndpoint(r: Awaited<ReturnType<typeof rig>>, slowMs: number) {
  const slowReceiver = await r.receiver(async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, slowMs));
    res.writeHead(204).end();
  });
  const fastReceiver = await r.receiver();
  const tenantId = await seedTenant(r.db);
  const slow = await seedEndpoint(r.db, r.keyRing, tenantId, { url: slowReceiver.url });
  const other = await seedEndpoint(r.db, r.keyRing, tenantId, { url: fastReceiver.url });
  const held = await seedBacklog(r.db, tenantId, slow.id, 600);
  const behind = await seedBacklog(r.db, tenantId, other.id, 50);
  await r.append(...held);
  await r.append(...behind);
  return { slowReceiver, fastReceiver, held, behind };
}

/** The records behind the backlog arrive while most of it waits; then the whole backlog, spilled and read back. */
async function sentPastTheBacklog(
  t: ExecutionContext,
  { slowReceiver, fastReceiver, held, behind }: Awaited<ReturnType<typeof backlogBehindSlowEndpoint>>,
  spilled: () => number,
) {
  await waitFor(allArrived(fastReceiver, behind), "the second endpoint's deliveries", 300_000);
  const heldDone = ids(slowReceiver).size;
  t.true(
    heldDone < held.length / 2,
    `sent while most of the backlog ahead of them waited (${heldDone} of ${held.length} done)`,
  );
  await waitFor(allArrived(slowReceiver, held), 'the whole backlog', 300_000);
  t.true(spilled() > 0, 'the held-back surplus went to deliveries-overflow and came back');
}

for (const backend of ['sqlite', 'kafka'] as const) {
  test(`[${backend}] Credits › a tenant alone is never spilled while its work can use the slots, though its backlog is many times the memory budget`, async (t) => {
    const r = await rig(t, backend);
    const alone = await r.tenant();
    // Four endpoints: each may have a quarter of the requests in flight, so together they use every slot
    // and what is queued is not held back by a cap.
    const endpoints = [alone.endpointId];
    for (let i = 0; i < 3; i++) {
      endpoints.push((await seedEndpoint(r.db, r.keyRing, alone.tenantId, { url: alone.receiver.url })).id);
    }
    const perEndpoint = await Promise.all(
      endpoints.map((endpointId) => seedBacklog(r.db, alone.tenantId, endpointId, 300)),
    );
    // Round robin in the partition, as a tenant's events to several endpoints arrive: appended a few at a
    // time (one append may group its records by key).
    const backlog = perEndpoint[0]!.flatMap((_, i) => perEndpoint.map((records) => records[i]!));
    for (let i = 0; i < backlog.length; i += 8) await r.append(...backlog.slice(i, i + 8));
    const { dispatcher } = await r.start();
    await waitFor(allArrived(alone.receiver, backlog), 'the whole backlog', 300_000);
    t.deepEqual(dispatcher.stats(), { spilled: 0, fromOverflow: 0, stallSpills: 0 });
  });

  test(`[${backend}] Credits › one endpoint's backlog held back by its cap is moved aside, so the records behind it in its partition are sent`, async (t) => {
    const r = await rig(t, backend);
    // With a quarter of the slots (50) and answers in 500 ms, the first endpoint's backlog takes 6 s.
    const setup = await backlogBehindSlowEndpoint(r, 500);
    const { dispatcher } = await r.start();
    await sentPastTheBacklog(t, setup, () => dispatcher.stats().spilled);
  });

  test(`[${backend}] Credits › with the budget far from full, a partition at its fetch bound behind a held-back backlog moves on too`, async (t) => {
    const r = await rig(t, backend);
    // With a quarter of the slots (50) and answers in 2 s, the first endpoint's backlog takes 24 s.
    const setup = await backlogBehindSlowEndpoint(r, 2_000);
    // The default budget holds the whole backlog; the partition stops fetching at 300 records not done.
    const { dispatcher } = await r.startDispatcher({
      dispatcher: { random: Math.random, maxUnfinishedPerPartition: 300 },
    });
    await sentPastTheBacklog(t, setup, () => dispatcher.stats().spilled);
  });

  test(`[${backend}] Credits › two tenants keep their shares: the heavy tenant's surplus is spilled and comes back as slots free`, async (t) => {
    const r = await rig(t, backend);
    const heavy = await r.tenant();
    const light = await r.tenant();
    const heavyBacklog = await seedBacklog(r.db, heavy.tenantId, heavy.endpointId, 1_200);
    const lightBacklog = await seedBacklog(r.db, light.tenantId, light.endpointId, 120);
    // One partition, the light tenant's records spread behind the heavy tenant's.
    for (let i = 0; i < 10; i++) {
      await r.append(...heavyBacklog.slice(i * 120, (i + 1) * 120));
      await r.append(...lightBacklog.slice(i * 12, (i + 1) * 12));
    }
    const { dispatcher } = await r.start();
    await waitFor(allArrived(light.receiver, lightBacklog), "the light tenant's deliveries", 300_000);
    const heavyDone = ids(heavy.receiver).size;
    t.log(`heavy delivered when light was done: ${heavyDone} of ${heavyBacklog.length}`);
    // The light tenant's last records sit behind 1,080 heavy ones. Without spilling, they would be handed
    // over only once the budget had room for them, after about 1,080 less a budget's worth (200) of heavy
    // deliveries were done; spilled past, they arrive as fast as the partition is read, and from then on
    // take their turns. The heavy tenant meanwhile uses whatever the light one leaves (work-conserving).
    t.true(
      heavyDone < (heavyBacklog.length * 2) / 3,
      `the light tenant was served in turn: the heavy one had ${heavyDone} of ${heavyBacklog.length} delivered`,
    );
    await waitFor(allArrived(heavy.receiver, heavyBacklog), "the heavy tenant's backlog", 300_000);
    const stats = dispatcher.stats();
    t.log(stats);
    t.true(stats.spilled > 0, 'the heavy surplus went to deliveries-overflow');
    t.true(
      stats.fromOverflow >= stats.spilled,
      `read back ${stats.fromOverflow} of ${stats.spilled} spilled`,
    );
  });
}
