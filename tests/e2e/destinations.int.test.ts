import { randomUUID } from 'node:crypto';
import test from 'ava';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { serviceSetting, waitFor } from '@caravan/testing';
import { kafkaReader, pubsubReader, rabbitmqReader, sqsReader } from '../support/brokerReaders.js';
import { caravanClient } from '../support/caravanClient.js';
import { startProductionApi } from '../support/productionEnv.js';

const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
const credentials = { accessKeyId: 'AKIACARAVANE2EDESTINATION', secretAccessKey: 'e2e-destination-secret' };
const sqs = new SQSClient({ endpoint, region, credentials: { ...credentials } });
test.after.always(() => sqs.destroy());
const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
const pubsubProject = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
const kafkaBrokers = serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
const rabbitUrl = new URL(serviceSetting('CARAVAN_TEST_RABBITMQ_URL'));
const EVENTS = Number(process.env.CARAVAN_E2E_DESTINATION_EVENTS ?? 300);

const queueName = (fifo: boolean) => `e2e-destination-${randomUUID()}${fifo ? '.fifo' : ''}`;
async function createQueue(name: string): Promise<string> {
  const fifo = name.endsWith('.fifo');
  const created = await sqs.send(
    new CreateQueueCommand({ QueueName: name, ...(fifo ? { Attributes: { FifoQueue: 'true' } } : {}) }),
  );
  return created.QueueUrl!;
}

/** Reads (and deletes) every message waiting in the queue, as a consumer of the tenant's customer would. */
async function drain(queueUrl: string, into: Message[]): Promise<void> {
  for (;;) {
    const answer = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = answer.Messages ?? [];
    if (messages.length === 0) return;
    into.push(...messages);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}

const headersOf = (m: Message) =>
  Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']));

test('destinations › events reach an SQS FIFO queue, each verifiable with the official Standard Webhooks verifier', async (t) => {
  t.timeout(600_000);
  const { env, api, startWorker } = await startProductionApi(t, 'dest', {
    extra: {
      CARAVAN_DESTINATION_PLUGINS: '@caravan/destination-aws-sqs',
      CARAVAN_DESTINATION_ALLOWED_HOSTS: '127.0.0.1',
    },
  });
  await startWorker();
  const queueUrl = await createQueue(queueName(true));
  t.teardown(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  });

  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const caravan = caravanClient(api.url, key);
  const created = await caravan.endpoints.create({
    destination: { type: 'aws-sqs', config: { queueUrl, region, endpoint }, credentials },
    headers: { 'X-Acme-Env': 'e2e' },
  });
  t.is(created.url, `aws-sqs://${new URL(endpoint).host}`);
  const types = await caravan.destinationTypes.list();
  t.deepEqual(
    types.data.map((d) => d.id),
    ['aws-sqs'],
  );

  const sent = new Map<string, string>();
  for (let start = 0; start < EVENTS; start += 500) {
    const count = Math.min(500, EVENTS - start);
    const events = Array.from({ length: count }, (_, i) => ({
      eventType: 'invoice.paid',
      payload: { n: start + i, amount: 12.5, note: 'café' },
    }));
    const answer = await caravan.events.sendBatch({ events });
    answer.data.forEach((item, i) => sent.set(item.id, JSON.stringify(events[i]!.payload)));
  }

  const received: Message[] = [];
  await waitFor(
    async () => {
      await drain(queueUrl, received);
      const ids = new Set(received.map((m) => headersOf(m)['webhook-id']));
      return [...sent.keys()].every((id) => ids.has(id));
    },
    `all ${EVENTS} events in the queue`,
    300_000,
  );

  const verifier = new Webhook(created.secret);
  let verified = 0;
  for (const message of received) {
    const headers = headersOf(message);
    const id = headers['webhook-id']!;
    t.is(message.Body, sent.get(id), `${id} carries the exact payload`);
    t.is(headers['webhook-event-type'], 'invoice.paid');
    t.is(headers['x-acme-env'], 'e2e', 'custom headers travel too');
    t.notThrows(() => verifier.verify(message.Body!, headers), `${id} verifies`);
    verified++;
  }
  t.true(verified >= EVENTS, 'every message was read at least once');

  await waitFor(
    async () =>
      (await caravan.deliveries.list({ status: 'succeeded', endpointId: created.id, limit: 100 })).data
        .length >= Math.min(EVENTS, 100),
    'the deliveries recorded as succeeded',
    120_000,
  );
  const [delivery] = (await caravan.deliveries.list({ endpointId: created.id, limit: 1 })).data;
  const attempts = await caravan.deliveries.listAttempts(delivery!.id);
  t.like(attempts.data[0], { url: created.url, statusCode: null, error: null });
});

test('destinations › a queue that does not exist yet is retried on the endpoint’s schedule, then delivered', async (t) => {
  t.timeout(300_000);
  const { env, api, startWorker } = await startProductionApi(t, 'destretry', {
    extra: { CARAVAN_DESTINATION_PLUGINS: '@caravan/destination-aws-sqs' },
  });
  await startWorker();
  const name = queueName(false);
  const queueUrl = `${endpoint}/000000000000/${name}`;
  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const caravan = caravanClient(api.url, key);
  const created = await caravan.endpoints.create({
    destination: { type: 'aws-sqs', config: { queueUrl, region, endpoint }, credentials },
    retrySchedule: [1, 1, 1, 1, 1, 1, 1, 1],
  });
  const { id } = await caravan.events.send({ eventType: 'order.created', payload: { n: 1 } });
  let deliveryId = '';
  await waitFor(
    async () => {
      const [d] = (await caravan.deliveries.list({ endpointId: created.id, limit: 1 })).data;
      deliveryId = d?.id ?? '';
      return d?.status === 'retrying';
    },
    'the first attempt to fail',
    120_000,
  );
  const [failed] = (await caravan.deliveries.listAttempts(deliveryId)).data;
  t.is(failed?.error?.code, 'destination_unavailable');
  t.regex(failed?.error?.message ?? '', /QueueDoesNotExist|NonExistentQueue/);

  const realUrl = await createQueue(name);
  t.teardown(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: realUrl }));
  });
  await waitFor(
    async () => (await caravan.deliveries.get(deliveryId)).status === 'succeeded',
    'the retried delivery to succeed once the queue exists',
    120_000,
  );
  const received: Message[] = [];
  await drain(realUrl, received);
  t.is(received.length, 1);
  t.is(headersOf(received[0]!)['webhook-id'], id);
});

test('destinations › one endpoint per destination type (SQS, Pub/Sub, Kafka, RabbitMQ): every event arrives, verifiable', async (t) => {
  t.timeout(600_000);
  const count = Number(process.env.CARAVAN_E2E_DESTINATION_EACH ?? 100);
  // No plugin list: the API and the worker find the installed destination plugins themselves.
  const { env, api, startWorker } = await startProductionApi(t, 'destall', {
    extra: { CARAVAN_DESTINATION_ALLOWED_HOSTS: '127.0.0.1' },
  });
  await startWorker();
  const name = `e2e-all-${randomUUID()}`;

  // The four targets, each with a consumer of the tenant's customer collecting (body, attributes).
  const readers = {
    sqs: sqsReader(endpoint, region, name),
    pubsub: pubsubReader(emulatorHost, pubsubProject, name),
    kafka: kafkaReader(kafkaBrokers, name),
    rabbitmq: rabbitmqReader(rabbitUrl.href, name),
  };
  t.teardown(() => Promise.all(Object.values(readers).map((reader) => reader.stop())));
  await Promise.all(Object.values(readers).map((reader) => reader.ready));
  // ElasticMQ's queue URL for the account its configuration names.
  const queueUrl = `${endpoint}/000000000000/${name}`;

  const admin2 = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin2.tenants.create({ name: 'Acme' });
  const { key } = await admin2.apiKeys.create(tenant.id, {});
  const caravan = caravanClient(api.url, key);
  const destinations = {
    sqs: { type: 'aws-sqs', config: { queueUrl, region, endpoint }, credentials },
    pubsub: { type: 'gcp-pubsub', config: { projectId: pubsubProject, topic: name, emulatorHost } },
    kafka: { type: 'kafka', config: { brokers: kafkaBrokers, topic: name } },
    rabbitmq: {
      type: 'rabbitmq',
      config: { url: `amqp://${rabbitUrl.host}`, routingKey: name },
      credentials: { username: rabbitUrl.username, password: rabbitUrl.password },
    },
  };
  const secrets: Record<string, string> = {};
  for (const [label, destination] of Object.entries(destinations))
    secrets[label] = (await caravan.endpoints.create({ destination })).secret;

  const sent = new Map<string, string>();
  for (let start = 0; start < count; start += 500) {
    const events = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
      eventType: 'order.shipped',
      payload: { n: start + i, note: 'dépêche' },
    }));
    const answer = await caravan.events.sendBatch({ events });
    answer.data.forEach((item, i) => sent.set(item.id, JSON.stringify(events[i]!.payload)));
  }
  await waitFor(
    () =>
      Object.values(readers).every(
        (reader) => new Set(reader.seen.map((m) => m.headers['webhook-id'])).size >= count,
      ),
    `all ${count} events at each of the four destinations`,
    300_000,
  );
  for (const [label, reader] of Object.entries(readers)) {
    const list = reader.seen;
    const verifier = new Webhook(secrets[label]!);
    let ok = 0;
    for (const message of list) {
      const id = message.headers['webhook-id']!;
      if (message.body !== sent.get(id)) continue;
      try {
        verifier.verify(message.body, message.headers);
        ok++;
      } catch {
        // counted below
      }
    }
    t.true(ok >= count, `${label}: every message verifies over its exact payload (${ok}/${list.length})`);
  }
});
