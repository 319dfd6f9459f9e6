import test, { type ExecutionContext } from 'ava';
import { type createScratchMysqlDatabase, waitFor } from '@caravan/testing';
import { caravanClient } from '../support/caravanClient.js';
import { killService, printLedger, services } from '../support/chaos.js';
import { runCaravan, startCaravanServer, type CaravanProcess } from '../support/caravanProcess.js';
import { startReceiver } from '../support/dispatching.js';
import { createProductionEnv } from '../support/productionEnv.js';

const EVENTS = 2500;

interface Installation {
  env: Record<string, string>;
  apiUrl: string;
  key: string;
  db: Awaited<ReturnType<typeof createScratchMysqlDatabase>>['db'];
  startWorker(): Promise<CaravanProcess>;
}

async function install(t: ExecutionContext, receiverUrl: string): Promise<Installation> {
  const { env, scratch } = await createProductionEnv(t, 'chaos', {
    partitions: 4,
    extra: { CARAVAN_LOG_LEVEL: 'warn' },
  });
  const migrated = await runCaravan(['migrate', 'latest'], env);
  t.is(migrated.code, 0, migrated.output);
  const api = await startCaravanServer(['api'], { ...env, CARAVAN_LOG_LEVEL: 'info' });
  t.teardown(() => api.stop('SIGKILL'));
  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: 'Chaos' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  await caravanClient(api.url, key).endpoints.create({ url: receiverUrl });
  return {
    env,
    apiUrl: api.url,
    key,
    db: scratch.db,
    startWorker: async () => {
      const worker = await startCaravanServer(
        ['worker'],
        { ...env, CARAVAN_LOG_LEVEL: 'info' },
        60_000,
        /worker running/,
      );
      t.teardown(() => worker.stop('SIGKILL'));
      return worker;
    },
  };
}

/**
 * Sends EVENTS events in batches of 100 the way a careful producer does: each event carries an
 * idempotency key, and a batch Caravan refuses (503 while Kafka or the database is away) is sent again
 * until it is acknowledged. Returns the acknowledged ids and how many answers were refusals.
 */
async function sendEvents(c: Installation): Promise<{ acknowledged: string[]; refusals: number }> {
  // The client does not retry: this producer's own loop retries, and counts every refusal.
  const api = caravanClient(c.apiUrl, c.key);
  const acknowledged: string[] = [];
  let refusals = 0;
  for (let i = 0; i < EVENTS; i += 100) {
    const batch = {
      events: Array.from({ length: 100 }, (_, j) => ({
        eventType: 'chaos.tick',
        payload: { n: i + j },
        idempotencyKey: `tick-${i + j}`,
      })),
    };
    for (let attempt = 1; ; attempt++) {
      let refusal: unknown;
      const answer = await api.events.sendBatch(batch).catch((error: unknown) => {
        refusal = error;
        return undefined;
      });
      if (answer) {
        acknowledged.push(...answer.data.map((d) => d.id));
        break;
      }
      refusals += 1;
      if (attempt >= 120) throw new Error(`batch ${i} refused ${attempt} times (last: ${String(refusal)})`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return { acknowledged, refusals };
}

async function expectEveryEventOnce(
  t: ExecutionContext,
  c: Installation,
  received: { headers: Record<string, string> }[],
  acknowledged: string[],
  suite: string,
  faults: string[],
  refusals: number,
) {
  const ids = () => new Set(received.map((r) => r.headers['webhook-id']));
  await waitFor(
    () => acknowledged.every((id) => ids().has(id)),
    'every acknowledged event at the receiver',
    300_000,
  );
  const lost = acknowledged.filter((id) => !ids().has(id)).length;
  const duplicates = received.length - ids().size;
  await waitFor(
    async () => {
      const rows = await c
        .db('deliveries')
        .whereNot('status', 'succeeded')
        .count<{ n: number }[]>({ n: '*' });
      return Number(rows[0]!.n) === 0;
    },
    'every delivery to be recorded as succeeded',
    120_000,
  );
  const succeeded = await c.db('deliveries').where('status', 'succeeded').count<{ n: number }[]>({ n: '*' });
  printLedger(
    t,
    suite,
    { acknowledged: new Set(acknowledged).size, delivered: ids().size, lost, duplicates },
    faults,
    refusals,
  );
  t.is(new Set(acknowledged).size, EVENTS, 'every event was acknowledged once the producer retried');
  t.is(lost, 0);
  t.is(Number(succeeded[0]!.n), EVENTS);
  // Every duplicate is a re-send of the same event: it carries the webhook-id receivers deduplicate on.
  t.true(received.every((r) => acknowledged.includes(r.headers['webhook-id']!)));
}

test.serial('chaos › a worker killed with SIGKILL mid-run loses nothing once it is restarted', async (t) => {
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  const c = await install(t, receiver.url);
  let worker = await c.startWorker();
  const sending = sendEvents(c);
  await waitFor(() => receiver.received.length >= 600, 'deliveries before the crash', 180_000);
  t.is(await worker.stop('SIGKILL'), null, 'the worker was killed');
  const { acknowledged, refusals } = await sending;
  worker = await c.startWorker();
  await expectEveryEventOnce(
    t,
    c,
    receiver.received,
    acknowledged,
    'worker SIGKILL',
    ['kill -9 of a worker (all roles)'],
    refusals,
  );
  t.is(await worker.stop('SIGTERM'), 0);
});

test.serial('chaos › the Kafka broker restarting mid-run loses nothing', async (t) => {
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  const c = await install(t, receiver.url);
  const worker = await c.startWorker();
  const sending = sendEvents(c);
  await waitFor(() => receiver.received.length >= 300, 'deliveries before the restart', 180_000);
  await services('restart', 'kafka');
  const { acknowledged, refusals } = await sending;
  await expectEveryEventOnce(
    t,
    c,
    receiver.received,
    acknowledged,
    'Kafka restart',
    ['clean restart of the Kafka broker'],
    refusals,
  );
  t.is(await worker.stop('SIGTERM'), 0);
});

test.serial('chaos › the database going away mid-run loses nothing', async (t) => {
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  const c = await install(t, receiver.url);
  const worker = await c.startWorker();
  const sending = sendEvents(c);
  await waitFor(() => receiver.received.length >= 300, 'deliveries before the database stops', 180_000);
  await services('down', 'mariadb');
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  await services('up', 'mariadb');
  const { acknowledged, refusals } = await sending;
  await expectEveryEventOnce(
    t,
    c,
    receiver.received,
    acknowledged,
    'database outage',
    ['MariaDB stopped for 5 s'],
    refusals,
  );
  t.is(await worker.stop('SIGTERM'), 0);
});

test.serial('chaos › the Kafka broker killed with SIGKILL mid-run loses nothing', async (t) => {
  t.timeout(10 * 60_000);
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  const c = await install(t, receiver.url);
  const worker = await c.startWorker();
  const sending = sendEvents(c);
  await waitFor(() => receiver.received.length >= 300, 'deliveries before the kill', 180_000);
  // No clean shutdown: no controlled leader handover, unflushed segments recovered on start, producers
  // and consumers cut mid-request. (The page cache survives a process kill; a machine crash is not
  // simulated here.)
  await killService('kafka');
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await services('up', 'kafka');
  const { acknowledged, refusals } = await sending;
  await expectEveryEventOnce(
    t,
    c,
    receiver.received,
    acknowledged,
    'Kafka SIGKILL',
    ['kill -9 of the Kafka broker, started again 3 s later'],
    refusals,
  );
  t.is(await worker.stop('SIGTERM'), 0);
});
