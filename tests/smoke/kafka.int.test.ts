import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Kafka, Partitioners, logLevel, type EachMessagePayload } from 'kafkajs';
import { serviceSetting } from '@caravan/testing';

function kafka() {
  return new Kafka({
    clientId: 'caravan-smoke',
    brokers: serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(','),
    logLevel: logLevel.WARN,
  });
}

test('Kafka › kafkajs creates a topic, produces idempotently with acks=all, commits and fetches group offsets', async (t) => {
  const client = kafka();
  const topic = `smoke.${randomUUID()}`;
  const groupId = `smoke-group-${randomUUID()}`;
  const admin = client.admin();
  await admin.connect();
  t.teardown(() => admin.disconnect());

  t.true(
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    }),
  );
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  t.is(meta.topics[0]?.partitions.length, 3);

  const producer = client.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  t.teardown(() => producer.disconnect());
  const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 5}`, value: `message-${i}` }));
  const sent = await producer.send({ topic, acks: -1, messages });
  t.true(sent.every((r) => r.errorCode === 0));

  const received: string[] = [];
  const consumer = client.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  t.teardown(() => consumer.disconnect());
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }: EachMessagePayload) => {
        received.push(message.value!.toString());
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
        if (received.length === messages.length) resolve();
      },
    });
  });
  await done;
  await consumer.stop();
  t.deepEqual([...received].sort(), messages.map((m) => m.value).sort());

  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = offsets[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
  t.is(committed, messages.length, 'the committed offsets add up to every message consumed');
});
