import { randomUUID } from 'node:crypto';
import test from 'ava';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { runDestinationConformance, type ReceivedMessage } from '@caravan/destination-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { rabbitMqDestination } from './rabbitMqDestination.js';

const broker = new URL(serviceSetting('CARAVAN_TEST_RABBITMQ_URL'));
const url = `amqp://${broker.host}`;
const credentials = {
  username: decodeURIComponent(broker.username),
  password: decodeURIComponent(broker.password),
};
let admin: ChannelModel;
test.before(async () => {
  admin = await connect(broker.href);
});
test.after.always(() => admin.close());

interface Fixture {
  queue: string;
  channel: Channel;
  inbox: ReceivedMessage[];
}

runDestinationConformance(test, {
  plugin: rabbitMqDestination,
  async setup(): Promise<Fixture> {
    const queue = `destination-${randomUUID()}`;
    const channel = await admin.createChannel();
    await channel.assertQueue(queue, { durable: true });
    const inbox: ReceivedMessage[] = [];
    await channel.consume(queue, (m) => {
      if (!m) return;
      const attributes = Object.fromEntries(
        Object.entries((m.properties.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
          k,
          Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
        ]),
      );
      inbox.push({ body: m.content, attributes });
      channel.ack(m);
    });
    return { queue, channel, inbox };
  },
  async teardown({ queue, channel }) {
    await channel.deleteQueue(queue).catch(() => undefined);
    await channel.close().catch(() => undefined);
  },
  config: ({ queue }) => ({ url, routingKey: queue }),
  credentials,
  async receive({ inbox }, { count, timeoutMs }) {
    const deadline = Date.now() + timeoutMs;
    while (inbox.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return inbox.splice(0, inbox.length);
  },
  unreachable: ({ queue }) => ({ url: 'amqp://127.0.0.1:1', routingKey: queue }),
  outage: {
    target: () => ({ host: broker.hostname, port: Number(broker.port) }),
    config: ({ queue }, proxy) => ({ url: `amqp://${proxy.host}:${proxy.port}`, routingKey: queue }),
  },
  // One queue, one channel: RabbitMQ keeps the publishing order.
  ordered: true,
});

test('rabbitmq destination › a message no queue is bound for is answered retry, not dropped', async (t) => {
  const producer = rabbitMqDestination.create({
    config: { url, routingKey: `nobody-${randomUUID()}` },
    credentials,
    endpointId: 'ep_unrouted',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  t.teardown(() => producer.close());
  const [outcome] = await producer.send([
    {
      id: `msg_${randomUUID()}`,
      key: 'ep_unrouted',
      body: Buffer.from('{}'),
      attributes: { 'webhook-id': 'x' },
    },
  ]);
  t.is(outcome?.kind, 'retry');
  t.regex(outcome?.kind === 'retry' ? outcome.reason : '', /no queue is bound/);
});
