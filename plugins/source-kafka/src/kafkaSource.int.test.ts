import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { runSourceConformance } from '@caravan/source-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { kafkaSource } from './kafkaSource.js';

const brokers = serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
const partitions = 3;
const kafka = new Kafka({ clientId: 'caravan-conformance', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const producer = kafka.producer();
test.before(async () => {
  await admin.connect();
  await producer.connect();
});
test.after.always(async () => {
  await producer.disconnect();
  await admin.disconnect();
});

interface Fixture {
  topic: string;
  groupId: string;
}

runSourceConformance(test, {
  plugin: kafkaSource,
  async setup(): Promise<Fixture> {
    const topic = `conformance-${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    return { topic, groupId: `${topic}-group` };
  },
  async teardown({ topic, groupId }) {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] });
  },
  // The shortest session timeout brokers accept by default, so the slow-host test proves heartbeats quickly.
  config: ({ topic, groupId }) => ({ brokers, topic, groupId, sessionTimeoutMs: 6000, maxBatchSize: 10 }),
  async publish(messages, { topic }) {
    // Explicit partitions, so each message's offset (its id) follows from the partition's base offset.
    const sent = messages.map((m, i) => ({
      partition: i % partitions,
      value: m.body,
      headers: { ...m.attributes },
    }));
    const metadata = await producer.send({ topic, messages: sent, acks: -1 });
    const base = new Map(metadata.map((r) => [r.partition, BigInt(r.baseOffset ?? '0')]));
    const seen = new Map<number, bigint>();
    return sent.map(({ partition }) => {
      const index = seen.get(partition) ?? 0n;
      seen.set(partition, index + 1n);
      return `${topic}/${partition}/${base.get(partition)! + index}`;
    });
  },
  // 2.5 × the 6 s session timeout.
  slowDeliverMs: 15_000,
  binaryBodies: true,
  cumulativeAcks: true,
  startFailures: [
    {
      name: 'a topic that does not exist',
      config: ({ groupId }) => ({ brokers, topic: `missing-${randomUUID()}`, groupId }),
      error: 'config',
    },
    {
      name: 'a cluster that does not answer',
      config: ({ topic, groupId }) => ({ brokers: ['127.0.0.1:1'], topic, groupId }),
      error: 'unavailable',
    },
  ],
});
