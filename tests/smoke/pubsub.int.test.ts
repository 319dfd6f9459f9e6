import { randomUUID } from 'node:crypto';
import test from 'ava';
import { PubSub, type Message } from '@google-cloud/pubsub';
import { serviceSetting } from '@caravan/testing';

test('Pub/Sub emulator › publishes, streams messages to a subscriber, and redelivers a nacked message', async (t) => {
  const pubsub = new PubSub({
    projectId: serviceSetting('CARAVAN_TEST_PUBSUB_PROJECT'),
    apiEndpoint: serviceSetting('PUBSUB_EMULATOR_HOST'),
    emulatorMode: true,
  });
  t.teardown(() => pubsub.close());
  const [topic] = await pubsub.createTopic(`smoke-${randomUUID()}`);
  const [subscription] = await topic.createSubscription(`smoke-sub-${randomUUID()}`, {
    ackDeadlineSeconds: 10,
  });
  t.teardown(async () => {
    await subscription.close();
    await subscription.delete();
    await topic.delete();
  });

  const published = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      topic.publishMessage({ data: Buffer.from(`m${i}`), attributes: { n: String(i) } }),
    ),
  );
  t.is(new Set(published).size, 5);

  const deliveries = new Map<string, number>();
  const done = new Promise<void>((resolve) => {
    subscription.on('message', (message: Message) => {
      const seen = (deliveries.get(message.id) ?? 0) + 1;
      deliveries.set(message.id, seen);
      // The first delivery of m2 is nacked (modAck 0): it must come back, with the same id.
      if (message.data.toString() === 'm2' && seen === 1) message.nack();
      else message.ack();
      if (deliveries.size === 5 && [...deliveries.values()].reduce((a, b) => a + b, 0) >= 6) resolve();
    });
  });
  await done;
  const m2 = published[2]!;
  t.is(deliveries.get(m2), 2, 'the nacked message is redelivered once');
  t.deepEqual([...deliveries.keys()].sort(), [...published].sort());
});
