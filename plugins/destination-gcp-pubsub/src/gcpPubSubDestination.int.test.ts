import { randomUUID } from 'node:crypto';
import test from 'ava';
import { PubSub, type Subscription } from '@google-cloud/pubsub';
import { runDestinationConformance, type ReceivedMessage } from '@caravan/destination-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { gcpPubSubDestination } from './gcpPubSubDestination.js';

const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
const [emulatorName = '', emulatorPort = '0'] = emulatorHost.split(':');
const admin = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
test.after.always(() => admin.close());

interface Fixture {
  topic: string;
  subscription: Subscription;
  inbox: ReceivedMessage[];
}

runDestinationConformance(test, {
  plugin: gcpPubSubDestination,
  async setup(): Promise<Fixture> {
    const name = `destination-${randomUUID()}`;
    const [topic] = await admin.createTopic(name);
    const [subscription] = await topic.createSubscription(`${name}-sub`, { enableMessageOrdering: true });
    const inbox: ReceivedMessage[] = [];
    subscription.on(
      'message',
      (m: { data: Buffer; attributes: Record<string, string>; orderingKey?: string; ack(): void }) => {
        inbox.push({
          body: m.data,
          attributes: { ...m.attributes },
          ...(m.orderingKey ? { key: m.orderingKey } : {}),
        });
        m.ack();
      },
    );
    return { topic: name, subscription, inbox };
  },
  async teardown({ topic, subscription }) {
    await subscription.close();
    await subscription.delete().catch(() => undefined);
    await admin
      .topic(topic)
      .delete()
      .catch(() => undefined);
  },
  config: ({ topic }) => ({ projectId, topic, emulatorHost, orderingKeys: true }),
  async receive({ inbox }, { count, timeoutMs }) {
    const deadline = Date.now() + timeoutMs;
    while (inbox.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return inbox.splice(0, inbox.length);
  },
  unreachable: ({ topic }) => ({ projectId, topic, emulatorHost: '127.0.0.1:1' }),
  outage: {
    target: () => ({ host: emulatorName, port: Number(emulatorPort) }),
    config: ({ topic }, proxy) => ({
      projectId,
      topic,
      emulatorHost: `${proxy.host}:${proxy.port}`,
      orderingKeys: true,
    }),
  },
  ordered: true,
  timeoutMs: 60_000,
});
