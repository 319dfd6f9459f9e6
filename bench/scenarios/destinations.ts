import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { PubSub } from '@google-cloud/pubsub';
import { connect } from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import {
  DestinationSender,
  PluginRegistry,
  ProducerPool,
  destinationPluginKind,
  createLogger,
  systemClock,
  type DestinationTarget,
  type SendRequest,
  type WebhookSender,
} from '@caravan/core';
import { serviceSetting } from '@caravan/testing';
import { benchPayload } from '../harness/payload.js';
import type { BenchContext, Scenario } from '../harness/types.js';

/** Deliveries the dispatcher has in flight to one endpoint at once in this run. */
const CONCURRENCY = 64;

interface Broker {
  type: string;
  module: string;
  /** A fresh target; answers the destination config and a cleanup. */
  prepare(): Promise<{
    config: Record<string, unknown>;
    credentials: Record<string, unknown> | null;
    done(): Promise<void>;
  }>;
  /**
   * The broker SDK publishing `count` bodies on its own, as fast as its batching allows with as many
   * requests in flight as Caravan gets: the ceiling Caravan's rate is compared with.
   */
  sdkPublish(config: Record<string, unknown>, bodies: Buffer[]): Promise<void>;
}

const headers = (n: number) => ({
  'content-type': 'application/json',
  'webhook-id': `msg_bench_${n}`,
  'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
  'webhook-signature': 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  'webhook-event-type': 'bench.destination',
});

const noHttp: WebhookSender = {
  send: () => Promise.reject(new Error('this bench sends to brokers only')),
  close: () => Promise.resolve(),
};

function brokers(): Broker[] {
  const sqsEndpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
  const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
  const sqsCredentials = { accessKeyId: 'AKIACARAVANBENCHMARK', secretAccessKey: 'bench' };
  const kafkaBrokers = serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
  const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
  const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
  const amqp = new URL(serviceSetting('CARAVAN_TEST_RABBITMQ_URL'));
  const inChunks = async <T>(items: T[], size: number, each: (chunk: T[]) => Promise<unknown>) => {
    const chunks = Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
      items.slice(i * size, (i + 1) * size),
    );
    let next = 0;
    await Promise.all(
      // As many requests in flight as Caravan gets (CONCURRENCY), so the SDK's rate is its ceiling.
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < chunks.length) await each(chunks[next++]!);
      }),
    );
  };
  return [
    {
      type: 'aws-sqs',
      module: '@caravan/destination-aws-sqs',
      async prepare() {
        const sqs = new SQSClient({ endpoint: sqsEndpoint, region, credentials: { ...sqsCredentials } });
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${randomUUID()}` }));
        return {
          config: { queueUrl: QueueUrl!, region, endpoint: sqsEndpoint },
          credentials: sqsCredentials,
          done: async () => {
            await sqs.send(new DeleteQueueCommand({ QueueUrl }));
            sqs.destroy();
          },
        };
      },
      async sdkPublish(config, bodies) {
        const sqs = new SQSClient({ endpoint: sqsEndpoint, region, credentials: { ...sqsCredentials } });
        await inChunks(bodies, 10, (chunk) =>
          sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: config.queueUrl as string,
              Entries: chunk.map((b, i) => ({ Id: String(i), MessageBody: b.toString('utf8') })),
            }),
          ),
        );
        sqs.destroy();
      },
    },
    {
      type: 'kafka',
      module: '@caravan/destination-kafka',
      async prepare() {
        const kafka = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
        const admin = kafka.admin();
        await admin.connect();
        const topic = `bench-${randomUUID()}`;
        await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
        return {
          config: { brokers: kafkaBrokers, topic },
          credentials: null,
          done: async () => {
            await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
            await admin.disconnect();
          },
        };
      },
      async sdkPublish(config, bodies) {
        const producer = new Kafka({ brokers: kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
          idempotent: true,
        });
        await producer.connect();
        await inChunks(bodies, 100, (chunk) =>
          producer.send({
            topic: config.topic as string,
            acks: -1,
            messages: chunk.map((value) => ({ key: 'ep', value })),
          }),
        );
        await producer.disconnect();
      },
    },
    {
      type: 'gcp-pubsub',
      module: '@caravan/destination-gcp-pubsub',
      async prepare() {
        const pubsub = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
        const [topic] = await pubsub.createTopic(`bench-${randomUUID()}`);
        return {
          config: { projectId, topic: topic.name.split('/').pop()!, emulatorHost },
          credentials: null,
          done: async () => {
            await topic.delete().catch(() => undefined);
            await pubsub.close();
          },
        };
      },
      async sdkPublish(config, bodies) {
        const pubsub = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
        const topic = pubsub.topic(config.topic as string, {
          batching: { maxMessages: 100, maxMilliseconds: 5 },
        });
        await Promise.all(bodies.map((data) => topic.publishMessage({ data })));
        await pubsub.close();
      },
    },
    {
      type: 'rabbitmq',
      module: '@caravan/destination-rabbitmq',
      async prepare() {
        const model = await connect(amqp.href);
        const channel = await model.createChannel();
        const queue = `bench-${randomUUID()}`;
        await channel.assertQueue(queue, { durable: true });
        return {
          config: { url: `amqp://${amqp.host}`, routingKey: queue },
          credentials: { username: amqp.username, password: amqp.password },
          done: async () => {
            await channel.deleteQueue(queue).catch(() => undefined);
            await model.close();
          },
        };
      },
      async sdkPublish(config, bodies) {
        const model = await connect(amqp.href);
        const channel = await model.createConfirmChannel();
        for (const body of bodies)
          channel.sendToQueue(config.routingKey as string, body, { persistent: true });
        await channel.waitForConfirms();
        await model.close();
      },
    },
  ];
}

/** Sends `bodies` through the dispatcher's transport step, `CONCURRENCY` at a time, as signed deliveries. */
async function throughCaravan(
  sender: DestinationSender,
  target: DestinationTarget,
  bodies: Buffer[],
): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const n = next++;
        const request: SendRequest = {
          url: `${target.type}://bench`,
          headers: headers(n),
          body: bodies[n]!,
          timeoutMs: 15_000,
          destination: target,
        };
        if ((await sender.send(request)).error) failed++;
      }
    }),
  );
  return failed;
}

/**
 * Per destination type, against its real server: the messages/s the dispatcher's transport step
 * (producer pool, batching of ready deliveries, the plugin, broker acknowledgement) reaches, and the
 * broker SDK's own publish rate in the same run; the ratio of the two is the headline.
 */
export const scenario: Scenario = {
  name: 'destinations',
  description:
    'messages/s into SQS, Kafka, Pub/Sub and RabbitMQ through destination plugins vs the SDK alone',
  backends: ['dev'],
  async run(ctx: BenchContext) {
    const count = ctx.smoke ? 200 : 20_000;
    const logger = createLogger({ level: 'warn', name: 'bench-destinations' });
    const metrics: Record<string, number | string> = { messages: count, concurrency: CONCURRENCY };
    const rates: Record<string, number> = {};
    const headlines: Record<string, number> = {};
    for (const broker of brokers()) {
      const plugins = new PluginRegistry(destinationPluginKind, [broker.module]);
      const sender = new DestinationSender({
        http: noHttp,
        producers: new ProducerPool({ plugins, clock: systemClock, logger }),
        clock: systemClock,
      });
      const bodies = Array.from({ length: count }, (_, n) => Buffer.from(benchPayload(broker.type, n)));
      const sdkTarget = await broker.prepare();
      let started = Date.now();
      await broker.sdkPublish(sdkTarget.config, bodies);
      const sdkRate = count / ((Date.now() - started) / 1000);
      await sdkTarget.done();
      const target = await broker.prepare();
      started = Date.now();
      const failed = await throughCaravan(
        sender,
        {
          tenantId: 'tnt_bench',
          endpointId: 'ep_bench',
          type: broker.type,
          config: target.config,
          credentials: target.credentials,
          version: '1',
        },
        bodies,
      );
      const caravanRate = count / ((Date.now() - started) / 1000);
      await sender.close();
      await target.done();
      ctx.note(
        `${broker.type}: ${Math.round(caravanRate)} msg/s through Caravan, SDK alone ${Math.round(sdkRate)} msg/s`,
      );
      metrics[`${broker.type}.caravanPerSecond`] = Math.round(caravanRate);
      metrics[`${broker.type}.sdkPerSecond`] = Math.round(sdkRate);
      metrics[`${broker.type}.ratioToSdk`] = Math.round((caravanRate / sdkRate) * 100) / 100;
      headlines[`${broker.type}: messages/s through Caravan / SDK alone`] = Number(
        (caravanRate / sdkRate).toPrecision(3),
      );
      metrics[`${broker.type}.failed`] = failed;
      rates[`${broker.type} through Caravan`] = caravanRate;
    }
    return { metrics, rates, headlines, latencies: {}, expected: 0, delivered: 0 };
  },
};
