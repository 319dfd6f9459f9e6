import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Kafka, logLevel } from 'kafkajs';
import { openNetwork, runSourceConformance } from '@caravan/source-api/testing';
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

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

test('kafka source › backlog is the group’s lag: the messages not committed yet, none once they are accepted', async (t) => {
  const topic = `backlog-${randomUUID()}`;
  const groupId = `${topic}-group`;
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  t.teardown(async () => {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] });
  });
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: 4 }, (_, i) => ({ partition: i % partitions, value: `m${i}` })),
  });
  const consumer = kafkaSource.create({
    config: { brokers, topic, groupId, sessionTimeoutMs: 6000 },
    credentials: null,
    workers: partitions,
    sourceId: 'src_backlog',
    logger: quietLogger,
    network: openNetwork,
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let delivered = 0;
  await consumer.start({
    async deliver(messages) {
      delivered += messages.length;
      await held;
      return messages.map(() => ({ kind: 'accepted' as const }));
    },
    fail: (error) => t.fail(error.message),
  });
  t.teardown(() => consumer.stop());
  const until = async (what: string, check: () => Promise<boolean> | boolean) => {
    for (const deadline = Date.now() + 30_000; !(await check());) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  await until('the consumer to hold messages', () => delivered > 0);
  t.is(await consumer.backlog!(), 4, 'handed over but not committed: still the group’s lag');
  release();
  await until('the lag to drop to 0', async () => (await consumer.backlog!()) === 0);
  await consumer.stop();
  t.is(await consumer.backlog!(), null, 'nothing to say once stopped');
});
