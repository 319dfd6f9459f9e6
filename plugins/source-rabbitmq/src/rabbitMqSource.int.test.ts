import { randomUUID } from 'node:crypto';
import test from 'ava';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { runSourceConformance } from '@caravan/source-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { rabbitMqSource } from './rabbitMqSource.js';

const broker = new URL(serviceSetting('CARAVAN_TEST_RABBITMQ_URL'));
const url = `amqp://${broker.host}`;
const credentials = {
  username: decodeURIComponent(broker.username),
  password: decodeURIComponent(broker.password),
};
let admin: ChannelModel;
let publisher: ConfirmChannel;
test.before(async () => {
  admin = await connect(broker.href);
  publisher = await admin.createConfirmChannel();
});
test.after.always(() => admin.close());

runSourceConformance(test, {
  plugin: rabbitMqSource,
  async setup() {
    const queue = `conformance-${randomUUID()}`;
    const channel = await admin.createChannel();
    await channel.assertQueue(queue, { durable: true });
    await channel.close();
    return queue;
  },
  async teardown(queue) {
    const channel = await admin.createChannel();
    await channel.deleteQueue(queue).catch(() => undefined);
    await channel.close().catch(() => undefined);
  },
  config: (queue) => ({ url, queue, maxBatchSize: 10 }),
  credentials,
  async publish(messages, queue) {
    const ids = messages.map(() => randomUUID());
    messages.forEach((m, i) =>
      publisher.sendToQueue(queue, m.body, {
        persistent: true,
        messageId: ids[i]!,
        timestamp: Math.floor(Date.now() / 1000),
        headers: { ...m.attributes },
      }),
    );
    await publisher.waitForConfirms();
    return ids;
  },
  // RabbitMQ has no ack deadline while the connection lives; the slow host still proves nothing is redelivered.
  slowDeliverMs: 3_000,
  binaryBodies: true,
  startFailures: [
    {
      name: 'a queue that does not exist',
      config: { url, queue: `missing-${randomUUID()}` },
      credentials,
      error: 'config',
    },
    {
      name: 'a broker that does not answer',
      config: { url: 'amqp://127.0.0.1:1', queue: 'q' },
      credentials,
      error: 'unavailable',
    },
  ],
});
