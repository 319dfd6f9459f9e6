/**
 * Broker source throughput on this machine: M messages published to a broker with its own SDK, taken
 * in by a source runner (the real plugin, host and ingest) and appended to the internal log.
 *
 *   scripts/services.sh up
 *   METADATA_SERVER_DETECTION=none node --conditions=caravan-source --import tsx bench/sourcesThroughput.ts [gcp-pubsub|aws-sqs|kafka|all] [M] [sqlite|mariadb|kafka]
 *
 * Defaults: all plugins, 20,000 messages, MariaDB with the Kafka log. Publishing and consuming overlap,
 * as in production; reported: the publish time, and messages per second from the first publish to the
 * last event in the log. `run()` is exported for a bench harness. Informational: brokers, database and
 * Caravan share this host.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Kafka } from 'kafkajs';
import { PubSub } from '@google-cloud/pubsub';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import {
  EventIngestService,
  EventTypeService,
  KeyRing,
  PluginRegistry,
  SourceAddressGuard,
  sourcePluginKind,
  SourceService,
  createLogger,
  createSourceRunner,
  systemClock,
  systemResolver,
} from '@caravan/core';
import { serviceSetting } from '@caravan/testing';
import { createTenant, openBacking, type RoutingBackend } from '../tests/support/routing.js';

export type SourcePluginId = 'gcp-pubsub' | 'aws-sqs' | 'kafka';

export interface SourcesThroughputResult {
  plugin: SourcePluginId;
  backend: RoutingBackend;
  messages: number;
  publishMs: number;
  totalMs: number;
  messagesPerSecond: number;
}

interface Broker {
  config: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  publish(bodies: string[]): Promise<void>;
  close(): Promise<void>;
}

async function pubsubBroker(): Promise<Broker> {
  const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
  const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
  const pubsub = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
  const [topic] = await pubsub.createTopic(`bench-${randomUUID()}`);
  const [subscription] = await topic.createSubscription(`bench-sub-${randomUUID()}`);
  const batched = pubsub.topic(topic.name, { batching: { maxMessages: 500, maxMilliseconds: 10 } });
  return {
    config: { projectId, subscription: subscription.name, emulatorHost, maxBatchSize: 500 },
    async publish(bodies) {
      for (let i = 0; i < bodies.length; i += 1_000)
        await Promise.all(
          bodies.slice(i, i + 1_000).map((b) => batched.publishMessage({ data: Buffer.from(b) })),
        );
    },
    async close() {
      await subscription.delete();
      await topic.delete();
      await pubsub.close();
    },
  };
}

async function sqsBroker(): Promise<Broker> {
  const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
  const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
  const credentials = { accessKeyId: 'AKIACARAVANBENCH00', secretAccessKey: 'bench' };
  const sqs = new SQSClient({ endpoint, region, credentials: { ...credentials } });
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `bench-${randomUUID()}` }))).QueueUrl!;
  return {
    config: { queueUrl, region, endpoint, waitTimeSeconds: 1 },
    credentials,
    async publish(bodies) {
      const batches: string[][] = [];
      for (let i = 0; i < bodies.length; i += 10) batches.push(bodies.slice(i, i + 10));
      for (let i = 0; i < batches.length; i += 20)
        await Promise.all(
          batches.slice(i, i + 20).map((batch) =>
            sqs.send(
              new SendMessageBatchCommand({
                QueueUrl: queueUrl,
                Entries: batch.map((b, j) => ({ Id: String(j), MessageBody: b })),
              }),
            ),
          ),
        );
    },
    async close() {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      sqs.destroy();
    },
  };
}

async function kafkaBroker(): Promise<Broker> {
  const brokers = serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
  const kafka = new Kafka({ clientId: 'bench-publisher', brokers, logLevel: 0 });
  const topic = `bench-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  return {
    config: { brokers, topic, groupId: `bench-${randomUUID()}`, startFrom: 'earliest' },
    async publish(bodies) {
      for (let i = 0; i < bodies.length; i += 500)
        await producer.send({ topic, messages: bodies.slice(i, i + 500).map((value) => ({ value })) });
    },
    async close() {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => {});
      await admin.disconnect();
    },
  };
}

const brokers: Record<SourcePluginId, () => Promise<Broker>> = {
  'gcp-pubsub': pubsubBroker,
  'aws-sqs': sqsBroker,
  kafka: kafkaBroker,
};

/** Publishes `messages` to a fresh queue/topic of `plugin` and measures until all are in the log. */
export async function run(options: {
  plugin: SourcePluginId;
  messages?: number;
  backend?: RoutingBackend;
}): Promise<SourcesThroughputResult> {
  const { plugin, messages = 20_000, backend = 'kafka' } = options;
  const backing = await openBacking(backend);
  const broker = await brokers[plugin]();
  const { db, log, storage } = backing;
  await log.init();
  const tenantId = await createTenant(db);
  // The bench measures the source path, not the tenant's ingest limit.
  await db('tenants').where({ id: tenantId }).update({ ingest_per_second: 1_000_000 });
  const clock = systemClock;
  const ingest = new EventIngestService({
    log,
    events: storage.events,
    eventTypes: new EventTypeService({ eventTypes: storage.eventTypes, clock }),
    tenantSettings: (id) => storage.tenants.get(id),
    clock,
  });
  const keyRing = new KeyRing({
    primaryKeyId: 'b',
    keys: [{ id: 'b', key: Buffer.alloc(32, 3).toString('base64') }],
  });
  const registry = new PluginRegistry(sourcePluginKind, [
    '@caravan/source-gcp-pubsub',
    '@caravan/source-aws-sqs',
    '@caravan/source-kafka',
  ]);
  const sources = new SourceService({
    sources: storage.sources,
    plugins: registry,
    keyRing,
    clock,
    ingest,
  });
  await sources.create(tenantId, {
    name: 'bench',
    type: plugin,
    config: broker.config,
    ...(broker.credentials ? { credentials: broker.credentials } : {}),
    workers: 4,
  });
  let seen = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const subscription = await log.subscribe({
    groupId: `bench-${randomUUID()}`,
    topic: 'events',
    onRecords: (records) => {
      for (const r of records) r.done();
      seen += records.length;
      if (seen >= messages) done();
    },
  });
  const runner = createSourceRunner({
    leases: storage.sourceLeases({ workerId: 'bench', leaseMs: 15_000 }),
    deadLetters: storage.sources,
    metrics: storage.sourceMetrics,
    registry,
    keyRing,
    ingest,
    clock,
    logger: createLogger({ level: 'warn', name: 'bench-sources' }),
    // The brokers of the test services listen on loopback.
    addressGuard: new SourceAddressGuard({
      allowedHosts: ['*'],
      allowedCidrs: ['127.0.0.0/8', '::1/128'],
      resolve: systemResolver,
    }),
  });
  await runner.start();
  const bodies = Array.from(
    { length: messages },
    (_, i) => `{"eventType":"bench.tick","payload":{"n":${i}}}`,
  );
  const started = Date.now();
  await broker.publish(bodies);
  const publishMs = Date.now() - started;
  await all;
  const totalMs = Date.now() - started;
  await runner.stop();
  await subscription.stop({ graceMs: 0 });
  await broker.close();
  await backing.cleanup();
  return {
    plugin,
    backend,
    messages,
    publishMs,
    totalMs,
    messagesPerSecond: Math.round((messages * 1000) / totalMs),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const which = process.argv[2] ?? 'all';
  const plugins: SourcePluginId[] =
    which === 'all' ? ['gcp-pubsub', 'aws-sqs', 'kafka'] : [which as SourcePluginId];
  const messages = Number(process.argv[3] ?? 20_000);
  const backend = (process.argv[4] ?? 'kafka') as RoutingBackend;
  for (const plugin of plugins) {
    const result = await run({ plugin, messages, backend });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  process.exit(0);
}
