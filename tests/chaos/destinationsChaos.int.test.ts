// A broker restarted while Caravan writes into it: for each destination type, 2,000 events go to one
// endpoint on MariaDB + Kafka (Caravan's own log, the shared services, never restarted) while a
// private instance of that broker (its own services folder and ports, see privateBroker.ts) is stopped
// and started again once. A consumer of the tenant's customer reads every message, checks each
// signature with the official `standardwebhooks` verifier from the message attributes, and the test
// prints a ledger per broker.
import test, { type ExecutionContext } from 'ava';
import { Webhook } from 'standardwebhooks';
import { Caravan } from '@caravan/client';
import { waitFor } from '@caravan/testing';
import {
  kafkaReader,
  pubsubReader,
  rabbitmqReader,
  sqsReader,
  type BrokerReader,
} from '../support/brokerReaders.js';
import { caravanClient } from '../support/caravanClient.js';
import { startPrivateBroker, type BrokerService, type PrivateBroker } from '../support/privateBroker.js';
import { startProductionApi } from '../support/productionEnv.js';

const EVENTS = Number(process.env.CARAVAN_CHAOS_DESTINATION_EVENTS ?? 2000);

interface Target {
  /** The endpoint's `destination`, pointed at the private broker. */
  destination: Record<string, unknown>;
  reader: BrokerReader;
  /**
   * Whether the broker keeps messages only in memory (ElasticMQ, the Pub/Sub emulator): a restart
   * then forgets what it had acknowledged and nobody had read yet, which no sender can prevent.
   */
  inMemory: boolean;
}

const targets: Record<BrokerService, (broker: PrivateBroker, name: string) => Target> = {
  elasticmq: ({ settings }, name) => {
    const endpoint = settings.CARAVAN_TEST_SQS_ENDPOINT!;
    const region = settings.CARAVAN_TEST_SQS_REGION!;
    return {
      destination: {
        type: 'aws-sqs',
        config: { queueUrl: `${endpoint}/000000000000/${name}`, region, endpoint },
        credentials: { accessKeyId: 'AKIACHAOSDESTINATION', secretAccessKey: 'chaos-destination' },
      },
      reader: sqsReader(endpoint, region, name),
      inMemory: true,
    };
  },
  pubsub: ({ settings }, name) => {
    const emulatorHost = settings.PUBSUB_EMULATOR_HOST!;
    const projectId = settings.CARAVAN_TEST_PUBSUB_PROJECT!;
    return {
      destination: { type: 'gcp-pubsub', config: { projectId, topic: name, emulatorHost } },
      reader: pubsubReader(emulatorHost, projectId, name),
      inMemory: true,
    };
  },
  kafka: ({ settings }, name) => {
    const brokers = settings.CARAVAN_TEST_KAFKA_BROKERS!.split(',');
    return {
      destination: { type: 'kafka', config: { brokers, topic: name } },
      reader: kafkaReader(brokers, name),
      inMemory: false,
    };
  },
  rabbitmq: ({ settings }, name) => {
    const url = new URL(settings.CARAVAN_TEST_RABBITMQ_URL!);
    return {
      destination: {
        type: 'rabbitmq',
        config: { url: `amqp://${url.host}`, routingKey: name },
        credentials: { username: url.username, password: url.password },
      },
      reader: rabbitmqReader(url.href, name),
      inMemory: false,
    };
  },
};

async function brokerRestart(t: ExecutionContext, service: BrokerService): Promise<void> {
  t.timeout(600_000);
  const broker = await startPrivateBroker(t, service);
  const { env, api, startWorker } = await startProductionApi(t, `destchaos${service}`, {
    // A breaker opened by the outage probes again within seconds, so the test does not wait minutes.
    extra: { CARAVAN_BREAKER_OPEN_MS: '2000', CARAVAN_BREAKER_MAX_OPEN_MS: '5000' },
  });
  await startWorker();
  const name = `chaos-${service}-${Date.now()}`;
  const target = targets[service](broker, name);
  await target.reader.ready;
  t.teardown(() => target.reader.stop());

  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: `Chaos ${service}` });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const caravan = caravanClient(api.url, key);
  const endpoint = await caravan.endpoints.create({
    destination: target.destination as never,
    // Short retries, so deliveries refused during the outage come back within the test.
    retrySchedule: [1, 1, 2, 2, 5, 5, 10, 10, 10, 30, 30, 60],
  });

  // The customer's producer retries a refused batch (a 429 over the tenant's ingest limit, a 5xx) after
  // the `Retry-After` it is given, with the same idempotency key, as the SDK does by default.
  const producer = new Caravan({ baseUrl: api.url, apiKey: key, maxRetries: 10 });
  const sent = new Map<string, string>();
  const publish = async (from: number, to: number, batch: number, gapMs: number) => {
    for (let start = from; start < to; start += batch) {
      const events = Array.from({ length: Math.min(batch, to - start) }, (_, i) => ({
        eventType: 'order.shipped',
        payload: { n: start + i, broker: service },
      }));
      const answer = await producer.events.sendBatch({ events });
      answer.data.forEach((item, i) => sent.set(item.id, JSON.stringify(events[i]!.payload)));
      if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  };
  // A consumer verifies each message as it reads it: the Standard Webhooks verifier refuses a
  // timestamp older than five minutes, so checking them all at the end would measure the test's length.
  const verifier = new Webhook(endpoint.secret);
  let verifiedUpTo = 0;
  let badSignatures = 0;
  const verifyNew = () => {
    for (const message of target.reader.seen.slice(verifiedUpTo)) {
      try {
        verifier.verify(message.body, message.headers);
      } catch {
        badSignatures++;
      }
    }
    verifiedUpTo = target.reader.seen.length;
  };
  const uniqueIds = () => {
    verifyNew();
    return new Set(target.reader.seen.map((m) => m.headers['webhook-id']));
  };

  await publish(0, EVENTS / 2, 500, 0);
  await waitFor(() => uniqueIds().size >= EVENTS / 2, 'the first half read', 300_000);
  // The second half is published while the broker goes down and comes back.
  const secondHalf = publish(EVENTS / 2, EVENTS, 25, 100);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const outage = await broker.restart();
  await secondHalf;
  t.log(`${service} was down for ${((outage.upAt - outage.downAt) / 1000).toFixed(1)} s`);

  // Messages an in-memory broker acknowledged before it went down and nobody had read yet: Caravan
  // recorded them delivered (the broker said so) before the outage began, and the restart erased them.
  const forgotten = new Set<string>();
  let checkedAt = 0;
  let lastCount = -1;
  let quietSince = Date.now();
  const classify = async () => {
    if (!target.inMemory || Date.now() - checkedAt < 5000) return;
    checkedAt = Date.now();
    const seen = uniqueIds();
    const succeeded = caravan.deliveries.list({ endpointId: endpoint.id, status: 'succeeded', limit: 100 });
    for await (const delivery of succeeded) {
      const at = delivery.lastAttemptAt === null ? NaN : Date.parse(delivery.lastAttemptAt);
      if (!seen.has(delivery.eventId) && at < outage.downAt) forgotten.add(delivery.eventId);
    }
  };
  await waitFor(
    async () => {
      const seen = uniqueIds();
      const missing = [...sent.keys()].filter((id) => !seen.has(id) && !forgotten.has(id));
      if (target.reader.seen.length !== lastCount) {
        lastCount = target.reader.seen.length;
        quietSince = Date.now();
      } else if (missing.length > 0 && Date.now() - quietSince > 3000) await classify();
      return missing.length === 0;
    },
    `every one of ${EVENTS} events read from ${service}`,
    420_000,
  ).catch(() => undefined);

  const seen = uniqueIds();
  const wrongPayloads = target.reader.seen.filter(
    (m) => m.body !== sent.get(m.headers['webhook-id'] ?? ''),
  ).length;
  const received = [...sent.keys()].filter((id) => seen.has(id)).length;
  const lost = [...sent.keys()].filter((id) => !seen.has(id) && !forgotten.has(id));
  const ledger = {
    broker: service,
    sent: sent.size,
    'received unique': received,
    duplicates: target.reader.seen.length - seen.size,
    'bad signatures': badSignatures + wrongPayloads,
    'forgotten by the broker': forgotten.size,
    lost: lost.length,
  };
  const widths = Object.entries(ledger).map(([k, v]) => Math.max(k.length, String(v).length));
  const row = (cells: unknown[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join(' │ ');
  t.log(`\n${row(Object.keys(ledger))}\n${row(Object.values(ledger))}`);
  t.is(sent.size, EVENTS);
  t.is(badSignatures, 0, 'every message verifies when it is read');
  t.is(wrongPayloads, 0, 'every message carries the exact payload sent');
  t.deepEqual(lost.slice(0, 10), [], `${lost.length} events never reached ${service}`);
  if (!target.inMemory) t.is(forgotten.size, 0);
}

for (const service of ['rabbitmq', 'kafka', 'elasticmq', 'pubsub'] as const) {
  test.serial(
    `chaos › ${service} restarted while Caravan writes into it: every event read, every signature verifies`,
    (t) => brokerRestart(t, service),
  );
}
