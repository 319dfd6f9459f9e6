import type { Caravan } from '@caravan/client';
import test from 'ava';
import {
  createPubSubSubscription,
  createSqsQueue,
  startSourceCluster,
  subscribeReceiver,
  verifiedPayloads,
} from '../support/sourceCluster.js';
import { waitFor } from '@caravan/testing';
import { printLedger } from '../support/chaos.js';

// Process-level chaos only: a source worker is killed with SIGKILL; the shared services keep running.
const MESSAGES = 3_000;
const CHUNK = 100;

const holder = async (api: Caravan, sourceId: string): Promise<string | null> =>
  (await api.sources.get(sourceId)).status.workerId ?? null;

test('sources chaos › the worker holding a source’s lease is killed mid-stream: the other takes over and no message is lost', async (t) => {
  t.timeout(20 * 60_000);
  const cluster = await startSourceCluster(t);
  await cluster.startWorker('router,dispatcher,scheduler');
  const first = await cluster.startWorker('sources');
  const tenant = await cluster.createTenant('Chaos');
  const rx = await subscribeReceiver(t, tenant.api, ['order.*', 'invoice.*']);

  const pubsub = await createPubSubSubscription(t);
  const sqs = await createSqsQueue(t);
  const orders = await tenant.api.sources.create({
    name: 'orders',
    type: 'gcp-pubsub',
    config: pubsub.config,
    workers: 2,
  });
  const invoices = await tenant.api.sources.create({
    name: 'invoices',
    type: 'aws-sqs',
    // A short visibility timeout: what the killed worker had in flight comes back soon.
    config: { ...sqs.config, visibilityTimeoutSeconds: 5 },
    credentials: sqs.credentials,
    workers: 2,
  });
  const ids = [orders.id, invoices.id];

  // A second worker joins: the sources spread, one on each.
  await waitFor(
    async () => (await Promise.all(ids.map((id) => holder(tenant.api, id)))).every(Boolean),
    'the first worker to take the sources',
    60_000,
  );
  const second = await cluster.startWorker('sources');
  const workers = new Map([first, second].map((w) => [w.pid, w]));
  await waitFor(
    async () => {
      const held = await Promise.all(ids.map((id) => holder(tenant.api, id)));
      return held.every(Boolean) && new Set(held).size === 2;
    },
    'one source on each worker',
    90_000,
  );

  // The stream is paced (about 10 s), so the kill lands while messages are still being published
  // and pulled.
  const expected = new Set<string>();
  let published = 0;
  const publishing = (async () => {
    for (let start = 0; start < MESSAGES; start += CHUNK) {
      const chunk = Array.from({ length: CHUNK }, (_, j) => start + j);
      for (const n of chunk) {
        expected.add(`{"n":${n},"from":"pubsub"}`);
        expected.add(`{"n":${n},"from":"sqs"}`);
      }
      await Promise.all([
        pubsub.publish(
          chunk.map((n) => `{"eventType":"order.created","payload":{"n":${n},"from":"pubsub"}}`),
        ),
        sqs.publish(chunk.map((n) => `{"eventType":"invoice.created","payload":{"n":${n},"from":"sqs"}}`)),
      ]);
      published += CHUNK;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();

  // Mid-stream: once the Pub/Sub source took in a fifth of the stream, kill -9 the worker holding it.
  await waitFor(
    async () => (await tenant.api.sources.get(ids[0]!)).status.metrics.messagesReceived >= MESSAGES / 5,
    'a fifth of the stream taken in',
    10 * 60_000,
  );
  const victimId = (await holder(tenant.api, ids[0]!))!;
  const victim = workers.get(Number(victimId.split(':').pop()))!;
  const survivor = [...workers.values()].find((w) => w !== victim)!;
  const killedAt = Date.now();
  victim.child.kill('SIGKILL');
  const publishedAtKill = published;
  t.true(publishedAtKill < MESSAGES, `killed mid-stream (${publishedAtKill} of ${MESSAGES} published)`);
  await waitFor(
    async () => (await holder(tenant.api, ids[0]!)) === `${victimId.split(':')[0]}:${survivor.pid}`,
    'the surviving worker to take the Pub/Sub source',
    120_000,
  );
  t.log(
    `takeover ${Date.now() - killedAt} ms after the kill (${publishedAtKill} of ${MESSAGES} published then)`,
  );
  await publishing;

  await waitFor(
    () => verifiedPayloads(rx).payloads.size >= expected.size,
    `all ${expected.size} published messages delivered`,
    10 * 60_000,
  );
  const { payloads, unverified } = verifiedPayloads(rx);
  t.is(unverified, 0);
  t.deepEqual(
    [...expected].filter((p) => !payloads.has(p)),
    [],
    'nothing published is missing at the receiver',
  );
  t.is(payloads.size, expected.size, 'nothing unexpected arrived');
  const duplicates = [...payloads].filter(([, n]) => n > 1);
  const lost = [...expected].filter((p) => !payloads.has(p)).length;
  // Acknowledged here: what the brokers accepted from the publisher, which Caravan then pulls.
  printLedger(
    t,
    'source worker SIGKILL',
    {
      acknowledged: expected.size,
      delivered: expected.size - lost,
      lost,
      duplicates: duplicates.reduce((a, [, n]) => a + n - 1, 0),
    },
    [
      `kill -9 of the worker holding the Pub/Sub source's lease (${publishedAtKill} of ${MESSAGES} published then)`,
    ],
    0,
  );
  for (const id of ids) {
    const { status } = await tenant.api.sources.get(id);
    t.log(`${id}: ${JSON.stringify(status)}`);
  }
});
