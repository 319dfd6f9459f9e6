import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { connect as amqpConnect, type ChannelModel } from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';

/** One message as the tenant's customer reads it: the body and the attributes/headers it carried. */
export interface ReadMessage {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/**
 * A consumer of the tenant's customer that keeps reading one queue or topic across broker restarts:
 * it reconnects as often as needed and, on a broker that keeps nothing on disk, creates its queue or
 * subscription again. Every message read is kept, duplicates included.
 */
export interface BrokerReader {
  readonly seen: ReadMessage[];
  /** Resolves once the queue/topic exists and the reader reads it. */
  readonly ready: Promise<void>;
  /** Stops reading and deletes the queue, topic or subscription it created. */
  stop(): Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value));

/** Reads a RabbitMQ queue (declared durable, as the destination's routing key names it). */
export function rabbitmqReader(url: string, queue: string): BrokerReader {
  const seen: ReadMessage[] = [];
  let model: ChannelModel | undefined;
  let stopped = false;
  const open = async (): Promise<void> => {
    while (!stopped) {
      try {
        model = await amqpConnect(url);
        model.on('error', () => undefined);
        model.on('close', () => {
          if (!stopped) setTimeout(() => void open(), 300);
        });
        const channel = await model.createChannel();
        await channel.assertQueue(queue, { durable: true });
        await channel.consume(queue, (m) => {
          if (!m) return;
          const headers = Object.fromEntries(
            Object.entries((m.properties.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
              k,
              text(v),
            ]),
          );
          seen.push({ body: m.content.toString('utf8'), headers });
          channel.ack(m);
        });
        return;
      } catch {
        await pause(300);
      }
    }
  };
  return {
    seen,
    ready: open(),
    async stop() {
      stopped = true;
      const channel = await model?.createChannel().catch(() => undefined);
      await channel?.deleteQueue(queue).catch(() => undefined);
      await model?.close().catch(() => undefined);
    },
  };
}

/** Reads a Kafka topic from the beginning with a consumer group; kafkajs reconnects by itself. */
export function kafkaReader(brokers: string[], topic: string): BrokerReader {
  const seen: ReadMessage[] = [];
  const kafka = new Kafka({
    brokers,
    clientId: 'chaos-reader',
    logLevel: logLevel.NOTHING,
    retry: { retries: 1000, initialRetryTime: 300, maxRetryTime: 2000 },
  });
  const consumer = kafka.consumer({
    groupId: `${topic}-reader`,
    retry: { retries: 1000, maxRetryTime: 2000 },
  });
  const ready = (async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await admin.disconnect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, text(v)]),
        );
        seen.push({ body: message.value?.toString('utf8') ?? '', headers });
        return Promise.resolve();
      },
    });
  })();
  return {
    seen,
    ready,
    async stop() {
      await consumer.disconnect().catch(() => undefined);
      const admin = kafka.admin();
      await admin.connect().catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
}

/**
 * Reads an SQS queue with long polls of 10 (four at once) and batch deletes. ElasticMQ keeps its queues in memory,
 * so after a restart the reader creates the queue again under the same name (and URL).
 */
export function sqsReader(endpoint: string, region: string, queue: string): BrokerReader {
  const seen: ReadMessage[] = [];
  const sqs = new SQSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIACHAOSREADER', secretAccessKey: 'chaos-reader' },
    maxAttempts: 1,
  });
  let stopped = false;
  let queueUrl = '';
  const create = async () => {
    for (;;) {
      try {
        queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: queue }))).QueueUrl!;
        return;
      } catch {
        await pause(200);
      }
    }
  };
  const ready = create();
  // Several long polls at once, as a consumer keeping up with a busy queue runs them.
  const poll = async () => {
    await ready;
    while (!stopped) {
      try {
        const answer = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageAttributeNames: ['All'],
          }),
        );
        const messages = answer.Messages ?? [];
        for (const m of messages) {
          const headers = Object.fromEntries(
            Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue ?? '']),
          );
          seen.push({ body: m.Body ?? '', headers });
        }
        if (messages.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
      } catch (error) {
        const name = (error as { name?: string }).name ?? '';
        if (/NonExistentQueue|QueueDoesNotExist/.test(name)) await create();
        else await pause(200);
      }
    }
  };
  const loops = Promise.all(Array.from({ length: 4 }, poll));
  return {
    seen,
    ready,
    async stop() {
      stopped = true;
      await loops;
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
      sqs.destroy();
    },
  };
}

/**
 * Reads a Pub/Sub topic through a subscription, with the emulator's REST API (pull and acknowledge).
 * The emulator keeps topics in memory, so after a restart the reader creates the topic and its
 * subscription again.
 */
export function pubsubReader(emulatorHost: string, project: string, topic: string): BrokerReader {
  const seen: ReadMessage[] = [];
  const base = `http://${emulatorHost}/v1/projects/${project}`;
  const subscription = `${topic}-reader`;
  let stopped = false;
  const call = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${base}/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer: unknown = await response.json().catch(() => ({}));
    return { status: response.status, body: answer };
  };
  const create = async () => {
    for (;;) {
      try {
        const made = await call('PUT', `topics/${topic}`, {});
        if (made.status !== 200 && made.status !== 409) throw new Error(`topic: ${made.status}`);
        const sub = await call('PUT', `subscriptions/${subscription}`, {
          topic: `projects/${project}/topics/${topic}`,
          ackDeadlineSeconds: 60,
        });
        if (sub.status !== 200 && sub.status !== 409) throw new Error(`subscription: ${sub.status}`);
        return;
      } catch {
        await pause(200);
      }
    }
  };
  const ready = create();
  const loop = (async () => {
    await ready;
    while (!stopped) {
      try {
        const pulled = await call('POST', `subscriptions/${subscription}:pull`, { maxMessages: 500 });
        if (pulled.status === 404) {
          await create();
          continue;
        }
        if (pulled.status !== 200) throw new Error(`pull: ${pulled.status}`);
        const received =
          (
            pulled.body as {
              receivedMessages?: {
                ackId: string;
                message: { data?: string; attributes?: Record<string, string> };
              }[];
            }
          ).receivedMessages ?? [];
        for (const { message } of received) {
          seen.push({
            body: Buffer.from(message.data ?? '', 'base64').toString('utf8'),
            headers: { ...message.attributes },
          });
        }
        if (received.length > 0) {
          await call('POST', `subscriptions/${subscription}:acknowledge`, {
            ackIds: received.map((r) => r.ackId),
          });
        } else await pause(50);
      } catch {
        await pause(200);
      }
    }
  })();
  return {
    seen,
    ready,
    async stop() {
      stopped = true;
      await loop;
      await call('DELETE', `subscriptions/${subscription}`, undefined).catch(() => undefined);
      await call('DELETE', `topics/${topic}`, undefined).catch(() => undefined);
    },
  };
}
