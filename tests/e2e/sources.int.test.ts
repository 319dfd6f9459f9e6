import test from 'ava';
import {
  createPubSubSubscription,
  createSqsQueue,
  listAllDeadLetters,
  startSourceCluster,
  subscribeReceiver,
  verifiedPayloads,
} from '../support/sourceCluster.js';
import { waitFor } from '@caravan/testing';

const MESSAGES = Number(process.env.CARAVAN_E2E_SOURCE_MESSAGES ?? 10_000);
const HOSTILE = 20;

/** Every 100th message is cut short: 1 % malformed, each one a dead letter. */
function bodies(eventType: string, from: string) {
  const all: string[] = [];
  const good: string[] = [];
  const malformed = new Set<number>();
  for (let i = 0; i < MESSAGES; i++) {
    const payload = `{"n":${i},"from":"${from}"}`;
    if (i % 100 === 99) {
      all.push(`{"eventType":"${eventType}","payload":{"n":${i}`);
      malformed.add(i);
    } else {
      all.push(`{"eventType":"${eventType}","payload":${payload}}`);
      good.push(payload);
    }
  }
  return { all, good, malformed };
}

test('sources › a tenant’s Pub/Sub and SQS sources deliver every message signed; exactly the malformed ones are dead letters; another tenant sees nothing', async (t) => {
  t.timeout(30 * 60_000);
  const cluster = await startSourceCluster(t);
  await cluster.startWorker('router,dispatcher,scheduler,sources');
  const acme = await cluster.createTenant('Acme');
  const globex = await cluster.createTenant('Globex');

  const orders = await subscribeReceiver(t, acme.api, ['order.*']);
  const invoices = await subscribeReceiver(t, acme.api, ['invoice.*']);
  const other = await subscribeReceiver(t, globex.api, ['order.*', 'invoice.*']);
  const owned = await globex.api.endpoints.create({
    url: other.receiver.url,
    eventTypes: ['order.*'],
    ownerId: 'cus_shared',
  });
  t.is(owned.ownerId, 'cus_shared');

  const pubsub = await createPubSubSubscription(t);
  const sqs = await createSqsQueue(t);
  const pubsubSource = await acme.api.sources.create({
    name: 'orders',
    type: 'gcp-pubsub',
    config: pubsub.config,
    workers: 2,
  });
  const sqsSource = await acme.api.sources.create({
    name: 'invoices',
    type: 'aws-sqs',
    config: sqs.config,
    credentials: sqs.credentials,
    workers: 2,
  });

  const pubsubBodies = bodies('order.created', 'pubsub');
  const sqsBodies = bodies('invoice.created', 'sqs');
  // Acme's messages that name Globex's endpoint and owner: they stay Acme's events.
  const hostile = Array.from(
    { length: HOSTILE },
    (_, i) =>
      `{"eventType":"order.created","endpointId":"${other.endpointId}","ownerId":"cus_shared","payload":{"hostile":${i}}}`,
  );
  const started = Date.now();
  const [pubsubIds, sqsIds] = await Promise.all([
    pubsub.publish([...pubsubBodies.all, ...hostile]),
    sqs.publish([...sqsBodies.all, ...hostile.map((h) => h.replace('order.created', 'invoice.created'))]),
  ]);
  const published = Date.now();

  for (const [receiver, expected] of [
    [orders, pubsubBodies.good],
    [invoices, sqsBodies.good],
  ] as const) {
    await waitFor(
      () => verifiedPayloads(receiver).payloads.size >= expected.length,
      `${expected.length} signed events at ${receiver.receiver.url}`,
      25 * 60_000,
    );
    const { payloads, unverified } = verifiedPayloads(receiver);
    t.is(unverified, 0, 'every request verifies with the endpoint secret');
    t.deepEqual([...payloads.keys()].sort(), [...expected].sort(), 'every valid message, nothing else');
    const duplicates = [...payloads.values()].reduce((a, n) => a + n - 1, 0);
    t.log(`${receiver.receiver.url}: ${expected.length} events, ${duplicates} duplicate requests`);
  }
  const delivered = Date.now();
  t.log(
    `${MESSAGES} messages per broker: published in ${published - started} ms, all delivered after ${delivered - started} ms`,
  );

  for (const [source, ids, malformed] of [
    [pubsubSource, pubsubIds, pubsubBodies.malformed],
    [sqsSource, sqsIds, sqsBodies.malformed],
  ] as const) {
    const expected = [...malformed].map((i) => ids[i]!).sort();
    await waitFor(
      async () => (await listAllDeadLetters(acme.api, source.id)).length >= expected.length,
      `${expected.length} dead letters of ${source.name}`,
      60_000,
    );
    const letters = await listAllDeadLetters(acme.api, source.id);
    t.deepEqual(letters.map((l) => l.messageId).sort(), expected, `exactly the malformed ${source.name}`);
    t.true(letters.every((l) => l.reason.code === 'CARAVAN_MALFORMED_JSON'));

    await waitFor(
      async () => {
        const m = (await acme.api.sources.get(source.id)).status.metrics;
        return (
          m.messagesRejected >= malformed.size && m.eventsAccepted >= MESSAGES - malformed.size + HOSTILE
        );
      },
      `the counters of ${source.name}`,
      30_000,
    );
    const { status } = await acme.api.sources.get(source.id);
    t.is(status.state, 'running');
    t.regex(status.workerId ?? '', /:\d+$/, 'the worker holding the lease (host:pid)');
    t.is(status.lastError, null);
    t.truthy(status.lastMessageAt);
    t.true(status.metrics.messagesReceived >= MESSAGES + HOSTILE);
    t.log(`${source.name} status: ${JSON.stringify(status)}`);
  }

  // /metrics is an ops route outside the API contract: read it raw, as Prometheus does.
  const scraped = await (
    await fetch(`${cluster.api.url}/metrics`, {
      headers: { authorization: `Bearer ${cluster.metricsToken}` },
    })
  ).text();
  for (const source of [pubsubSource, sqsSource]) {
    const line = scraped
      .split('\n')
      .find(
        (l) =>
          l.startsWith('caravan_source_messages_total{') &&
          l.includes(`source="${source.id}"`) &&
          l.includes('outcome="dead_lettered"'),
      );
    t.is(Number(line?.split(' ').pop()), MESSAGES / 100, `Prometheus counts ${source.name}'s dead letters`);
  }

  // Isolation: nothing of Acme's reached Globex, whatever the messages named.
  t.is(other.receiver.received.length, 0, 'Globex receives nothing');
  const globexEvents = await globex.api.events.list({ limit: 10 });
  t.deepEqual(globexEvents.data, [], 'Globex has no events');
});
