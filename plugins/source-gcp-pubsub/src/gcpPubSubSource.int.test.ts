import { randomUUID } from 'node:crypto';
import test from 'ava';
import { PubSub } from '@google-cloud/pubsub';
import { runSourceConformance } from '@caravan/source-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { gcpPubSubSource } from './gcpPubSubSource.js';

const emulatorHost = serviceSetting('PUBSUB_EMULATOR_HOST');
const projectId = serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT');
const admin = new PubSub({ projectId, apiEndpoint: emulatorHost, emulatorMode: true });
test.after.always(() => admin.close());

interface Fixture {
  topic: string;
  subscription: string;
}

runSourceConformance(test, {
  plugin: gcpPubSubSource,
  async setup(): Promise<Fixture> {
    const name = `conformance-${randomUUID()}`;
    const [topic] = await admin.createTopic(name);
    // The shortest ack deadline Pub/Sub allows, so the slow-host test proves lease extension quickly.
    await topic.createSubscription(`${name}-sub`, { ackDeadlineSeconds: 10 });
    return { topic: name, subscription: `${name}-sub` };
  },
  async teardown({ topic, subscription }) {
    await admin.subscription(subscription).delete();
    await admin.topic(topic).delete();
  },
  config: ({ subscription }) => ({
    projectId,
    subscription,
    emulatorHost,
    maxBatchSize: 10,
    maxBatchWaitMs: 20,
  }),
  publish: (messages, { topic }) =>
    Promise.all(
      messages.map((m) =>
        admin.topic(topic).publishMessage({ data: m.body, attributes: { ...m.attributes } }),
      ),
    ),
  // 2.5 × the subscription's 10 s ack deadline.
  slowDeliverMs: 25_000,
  quietMs: 3_000,
  binaryBodies: true,
  startFailures: [
    {
      name: 'a subscription that does not exist',
      config: { projectId, subscription: `missing-${randomUUID()}`, emulatorHost },
      error: 'config',
    },
  ],
});
