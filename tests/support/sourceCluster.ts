import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { PubSub, type Topic } from '@google-cloud/pubsub';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import type { Caravan } from '@caravan/client';
import { serviceSetting } from '@caravan/testing';
import { Webhook } from 'standardwebhooks';
import { caravanClient } from './caravanClient.js';
import { runCaravan, startCaravanServer, type CaravanProcess } from './caravanProcess.js';
import { startReceiver, type Receiver } from './dispatching.js';
import { createProductionEnv } from './productionEnv.js';

/**
 * Caravan as it runs in production, for one test: a scratch MariaDB database, Kafka topics under a
 * unique prefix, `caravan migrate`, an API process, and worker processes started on demand.
 */
export async function startSourceCluster(t: ExecutionContext) {
  const { env, scratch } = await createProductionEnv(t, 'sources', {
    extra: { METADATA_SERVER_DETECTION: 'none' },
  });
  const migrated = await runCaravan(['migrate', 'latest'], env);
  if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.output}`);
  const api = await startCaravanServer(['api'], env);
  t.teardown(() => api.stop('SIGKILL'));
  const admin = caravanClient(api.url, env.CARAVAN_ADMIN_KEY);
  const workers: CaravanProcess[] = [];
  return {
    db: scratch.db,
    api,
    /** The bearer token the processes' `/metrics` asks for. */
    metricsToken: env.CARAVAN_METRICS_TOKEN,
    admin,
    workers,
    /** Starts `caravan worker --roles …` and resolves once it runs. */
    async startWorker(roles: string): Promise<CaravanProcess & { pid: number }> {
      const worker = await startCaravanServer(['worker', '--roles', roles], env, 60_000, /worker running/);
      t.teardown(() => worker.stop('SIGKILL'));
      workers.push(worker);
      return { ...worker, pid: worker.child.pid! };
    },
    /** A tenant with generous limits, its API key and a client calling the API with that key. */
    async createTenant(name: string): Promise<{ id: string; key: string; api: Caravan }> {
      const tenant = await admin.tenants.create({
        name,
        limits: { ingestPerSecond: 20_000, deliveriesPerSecond: 20_000 },
      });
      const { key } = await admin.apiKeys.create(tenant.id, {});
      return { id: tenant.id, key, api: caravanClient(api.url, key) };
    },
  };
}

/** A receiver with the endpoint the tenant created for it and its signing secret. */
export interface SubscribedReceiver {
  receiver: Receiver;
  endpointId: string;
  secret: string;
}

/** Starts a receiver on loopback and subscribes a tenant's endpoint on it to `eventTypes`. */
export async function subscribeReceiver(
  t: ExecutionContext,
  api: Caravan,
  eventTypes: string[],
): Promise<SubscribedReceiver> {
  const receiver = await startReceiver();
  t.teardown(() => receiver.close());
  const created = await api.endpoints.create({ url: receiver.url, eventTypes });
  return { receiver, endpointId: created.id, secret: created.secret };
}

/** The payloads that arrived with a valid signature (distinct), and how many requests did not verify. */
export function verifiedPayloads({ receiver, secret }: SubscribedReceiver) {
  const verifier = new Webhook(secret);
  const payloads = new Map<string, number>();
  let unverified = 0;
  for (const r of receiver.received) {
    try {
      verifier.verify(r.body.toString(), r.headers);
      payloads.set(r.body.toString(), (payloads.get(r.body.toString()) ?? 0) + 1);
    } catch {
      unverified++;
    }
  }
  return { payloads, unverified };
}

/** A fresh Pub/Sub topic and subscription on the harness's emulator. */
export async function createPubSubSubscription(t: ExecutionContext) {
  const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
  const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
  const pubsub = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
  const [topic] = await pubsub.createTopic(`src-${randomUUID()}`);
  const [subscription] = await topic.createSubscription(`src-sub-${randomUUID()}`, {
    ackDeadlineSeconds: 30,
  });
  t.teardown(async () => {
    await subscription.delete().catch(() => {});
    await topic.delete().catch(() => {});
    await pubsub.close();
  });
  return {
    config: { projectId, subscription: subscription.name, emulatorHost },
    /** Publishes every body with the SDK's batching; answers the broker message ids, in order. */
    publish: (bodies: string[]) => publishAll(topic, bodies),
  };
}

async function publishAll(topic: Topic, bodies: string[]): Promise<string[]> {
  const batched = topic.pubsub.topic(topic.name, {
    batching: { maxMessages: 500, maxMilliseconds: 10 },
  });
  const ids: string[] = [];
  for (let i = 0; i < bodies.length; i += 1_000) {
    ids.push(
      ...(await Promise.all(
        bodies.slice(i, i + 1_000).map((b) => batched.publishMessage({ data: Buffer.from(b) })),
      )),
    );
  }
  await batched.flush();
  return ids;
}

/** A fresh ElasticMQ queue on the harness. */
export async function createSqsQueue(t: ExecutionContext) {
  const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
  const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
  const credentials = { accessKeyId: 'AKIACARAVANSOURCES', secretAccessKey: 'sources-e2e' };
  const sqs = new SQSClient({ endpoint, region, credentials: { ...credentials } });
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `src-${randomUUID()}` }));
  const queueUrl = queue.QueueUrl!;
  t.teardown(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => {});
    sqs.destroy();
  });
  return {
    config: { queueUrl, region, endpoint, waitTimeSeconds: 1 },
    credentials,
    /** Sends every body in batches of 10, ten batches at a time; answers the message ids, in order. */
    async publish(bodies: string[]): Promise<string[]> {
      const ids: string[] = new Array<string>(bodies.length);
      const batches: number[] = [];
      for (let i = 0; i < bodies.length; i += 10) batches.push(i);
      const sendBatch = async (start: number) => {
        const entries = bodies.slice(start, start + 10).map((b, j) => ({ Id: String(j), MessageBody: b }));
        const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        if (sent.Failed?.length) throw new Error(`SQS refused: ${JSON.stringify(sent.Failed)}`);
        for (const s of sent.Successful ?? []) ids[start + Number(s.Id)] = s.MessageId!;
      };
      for (let i = 0; i < batches.length; i += 10) await Promise.all(batches.slice(i, i + 10).map(sendBatch));
      return ids;
    },
  };
}

/** Every dead letter of a source, through the API's pagination. */
export async function listAllDeadLetters(api: Caravan, sourceId: string) {
  const all = [];
  for await (const letter of api.sources.listDeadLetters(sourceId, { limit: 100 })) all.push(letter);
  return all;
}
