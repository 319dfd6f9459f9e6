import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { PubSub } from '@google-cloud/pubsub';
import { serviceSetting } from '@caravan/testing';
import { caravanClient } from '../../tests/support/caravanClient.js';
import { benchPayload } from '../harness/payload.js';
import { summarise } from '../harness/stats.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { BenchContext, LatencySummary, Scenario } from '../harness/types.js';
import { waitForDeliveries } from '../harness/waitForDeliveries.js';

const WORKERS = 4;

/** Caravan-format broker messages whose payload carries the publish time. */
const message = (tag: string, n: number) => `{"eventType":"bench.${tag}","payload":${benchPayload(tag, n)}}`;

interface BrokerRun {
  publishSeconds: number;
  seconds: number;
  latency: LatencySummary;
  delivered: number;
}

async function measure(
  ctx: BenchContext,
  tag: string,
  count: number,
  publish: () => Promise<void>,
): Promise<BrokerRun> {
  const started = Date.now();
  await publish();
  const publishSeconds = (Date.now() - started) / 1000;
  await waitForDeliveries(ctx.receiver, tag, count, ctx.note);
  const seconds = (Date.now() - started) / 1000;
  const stats = await ctx.receiver.tag(tag);
  return { publishSeconds, seconds, latency: summarise(stats.latencies), delivered: stats.unique };
}

/**
 * Messages published to an SQS queue (ElasticMQ) and a Pub/Sub subscription (the emulator), each the
 * source of a tenant's Caravan source with 4 workers; broker publish → receipt throughput and latency.
 */
export const scenario: Scenario = {
  name: 'sources',
  description: '20,000 messages each through Pub/Sub and SQS sources; broker publish → receipt',
  backends: ['mariadb-kafka', 'dev'],
  async run(ctx) {
    const count = ctx.smoke ? 50 : 20_000;
    const caravan = await ctx.install({ extraRoles: ['sources'] });
    const tenant = await createBenchTenant(caravan, ctx.receiver, {
      label: 'src',
      endpoints: 1,
      eventTypes: () => ['bench.*'],
    });
    const api = caravanClient(caravan.apiUrl, tenant.key);

    const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
    const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
    const credentials = { accessKeyId: 'AKIACARAVANBENCH', secretAccessKey: 'bench' };
    const sqs = new SQSClient({ endpoint, region, credentials: { ...credentials } });
    const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `bench-${randomUUID()}` })))
      .QueueUrl!;
    const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
    const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
    const pubsub = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
    const name = `bench-${randomUUID()}`;
    const [topic] = await pubsub.createTopic(name);
    await topic.createSubscription(name, { ackDeadlineSeconds: 30 });
    try {
      await api.sources.create({
        name: 'bench sqs',
        type: 'aws-sqs',
        config: { queueUrl, region, endpoint, waitTimeSeconds: 1 },
        credentials,
        workers: WORKERS,
      });
      const sqsRun = await measure(ctx, 'sqs', count, async () => {
        let next = 0;
        const sender = async () => {
          while (next < count) {
            const from = next;
            next += 10;
            const entries = Array.from({ length: Math.min(10, count - from) }, (_, j) => ({
              Id: String(j),
              MessageBody: message('sqs', from + j),
            }));
            await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
          }
        };
        await Promise.all(Array.from({ length: 8 }, sender));
      });

      await api.sources.create({
        name: 'bench pubsub',
        type: 'gcp-pubsub',
        config: { projectId, subscription: name, emulatorHost },
        workers: WORKERS,
      });
      const publisher = pubsub.topic(name, { batching: { maxMessages: 100, maxMilliseconds: 10 } });
      const pubsubRun = await measure(ctx, 'pubsub', count, async () => {
        for (let i = 0; i < count; i += 1000) {
          const batch = [];
          for (let j = i; j < Math.min(count, i + 1000); j++) {
            batch.push(publisher.publishMessage({ data: Buffer.from(message('pubsub', j)) }));
          }
          await Promise.all(batch);
        }
      });
      return {
        metrics: {
          messagesPerBroker: count,
          workersPerSource: WORKERS,
          sqsPublishSeconds: Number(sqsRun.publishSeconds.toFixed(2)),
          sqsSeconds: Number(sqsRun.seconds.toFixed(2)),
          pubsubPublishSeconds: Number(pubsubRun.publishSeconds.toFixed(2)),
          pubsubSeconds: Number(pubsubRun.seconds.toFixed(2)),
          ...Object.fromEntries(Object.entries(caravan.peakRssMb()).map(([k, v]) => [`peakRssMb.${k}`, v])),
          badSignatures: (await ctx.receiver.stats({ latencies: false })).badSignatures,
        },
        rates: {
          sqsMessagesPerSecond: Math.round(count / sqsRun.seconds),
          pubsubMessagesPerSecond: Math.round(count / pubsubRun.seconds),
        },
        latencies: { sqsPublishToReceipt: sqsRun.latency, pubsubPublishToReceipt: pubsubRun.latency },
        expected: 2 * count,
        delivered: sqsRun.delivered + pubsubRun.delivered,
      };
    } finally {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
      sqs.destroy();
      await pubsub
        .subscription(name)
        .delete()
        .catch(() => undefined);
      await topic.delete().catch(() => undefined);
      await pubsub.close();
    }
  },
};
