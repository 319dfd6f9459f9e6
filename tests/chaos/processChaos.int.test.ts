import test, { type ExecutionContext } from 'ava';
import { waitFor } from '@caravan/testing';
import { carefulProducer, installForChaos, settleLedger } from '../support/chaos.js';
import { startReceiver } from '../support/dispatching.js';

// Process-level chaos on MariaDB + Kafka: one Caravan process is killed with SIGKILL in the middle of a
// paced run, and started again; the shared services keep running.
const EVENTS = 2000;
const PACE_MS = 400;

async function receiver(t: ExecutionContext) {
  const rx = await startReceiver();
  t.teardown(() => rx.close());
  return rx;
}

test.serial(
  'process chaos › the API killed with SIGKILL mid-ingest: a careful producer loses nothing',
  async (t) => {
    t.timeout(10 * 60_000);
    const rx = await receiver(t);
    const c = await installForChaos(t, 'chaos_api', { receivers: [rx.url] });
    await c.startWorker();
    let api = await c.startApi();
    let done = false;
    const sending = carefulProducer({ url: c.apiUrl, key: c.key, events: EVENTS, paceMs: PACE_MS }).finally(
      () => (done = true),
    );
    await waitFor(() => rx.received.length >= 400, 'deliveries before the kill', 180_000);
    t.false(done, 'the API is killed while the producer is still sending');
    t.is(await api.stop('SIGKILL'), null);
    api = await c.startApi();
    const run = await sending;
    t.true(run.refusals > 0, 'the producer saw the API go away and sent again');
    await settleLedger(t, 'API SIGKILL', { ...run, faults: ['kill -9 of the API mid-ingest'] }, rx.received);
  },
);

for (const [role, others] of [
  ['dispatcher', 'router,scheduler'],
  ['router', 'dispatcher,scheduler'],
] as const) {
  test.serial(
    `process chaos › a ${role}-only worker killed with SIGKILL mid-run loses nothing`,
    async (t) => {
      t.timeout(10 * 60_000);
      const rx = await receiver(t);
      const c = await installForChaos(t, `chaos_${role}`, { receivers: [rx.url] });
      await c.startWorker(others);
      let victim = await c.startWorker(role);
      let done = false;
      const sending = carefulProducer({ url: c.apiUrl, key: c.key, events: EVENTS, paceMs: PACE_MS }).finally(
        () => (done = true),
      );
      await waitFor(() => rx.received.length >= 400, 'deliveries before the kill', 180_000);
      t.false(done, `the ${role} is killed while the producer is still sending`);
      t.is(await victim.stop('SIGKILL'), null);
      victim = await c.startWorker(role);
      const run = await sending;
      await settleLedger(
        t,
        `${role}-only worker SIGKILL`,
        { ...run, faults: [`kill -9 of a worker running only --roles ${role}`] },
        rx.received,
      );
      t.is(await victim.stop('SIGTERM'), 0);
    },
  );
}
