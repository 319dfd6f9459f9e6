import { randomBytes } from 'node:crypto';
import test from 'ava';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { serviceSetting } from '@caravan/testing';
import { LogUnavailableError } from '../../errors/index.js';
import { LOG_TOPICS, type LogTopic } from '../InternalLog.js';
import { runInternalLogSuite } from '../internalLogSuite.js';
import { KafkaInternalLog, type KafkaInternalLogOptions } from './KafkaInternalLog.js';

const brokers = () => serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
const partitions = { events: 4, deliveries: 4 };

/** Options for a log on the harness's Kafka, with group timings short enough for tests. */
export function kafkaLogOptions(topicPrefix: string): KafkaInternalLogOptions {
  return {
    brokers: brokers(),
    clientId: 'caravan-log-test',
    topicPrefix,
    partitions,
    replicationFactor: 1,
    consumer: {
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      heartbeatIntervalMs: 300,
      maxWaitTimeMs: 200,
    },
    retryBackoffMs: 50,
  };
}

async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({
    clientId: 'caravan-log-test',
    brokers: brokers(),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes every topic that starts with `prefix`. */
export async function deleteTopics(prefix: string): Promise<void> {
  await withAdmin(async (admin) => {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  });
}

/** The offsets a group of the log with `prefix` committed on a topic, summed over its partitions. */
async function committedOffsets(prefix: string, groupId: string, topic: LogTopic): Promise<number> {
  const offsets = await withAdmin((admin) =>
    admin.fetchOffsets({ groupId: `${prefix}${groupId}`, topics: [`${prefix}${topic}`] }),
  );
  return offsets.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

runInternalLogSuite(test, 'KafkaInternalLog', () => {
  // A prefix of its own per test, so runs and concurrent tests never share topics or groups' data.
  const prefix = `caravan-test.${randomBytes(4).toString('hex')}.`;
  const logs: KafkaInternalLog[] = [];
  return Promise.resolve({
    partitions,
    open() {
      const log = new KafkaInternalLog(kafkaLogOptions(prefix));
      logs.push(log);
      return Promise.resolve(log);
    },
    committed: (groupId, topic) => committedOffsets(prefix, groupId, topic),
    async cleanup() {
      await Promise.all(logs.map((log) => log.close({ graceMs: 0 })));
      await deleteTopics(prefix);
    },
  });
});

test('KafkaInternalLog › init() creates the four topics and only ever adds partitions', async (t) => {
  const prefix = `caravan-test.${randomBytes(4).toString('hex')}.`;
  t.teardown(() => deleteTopics(prefix));
  const partitionsOf = () =>
    withAdmin(async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({
        topics: LOG_TOPICS.map((topic) => `${prefix}${topic}`),
      });
      return Object.fromEntries(
        topics.map((topic) => [topic.name.slice(prefix.length), topic.partitions.length]),
      );
    });
  const first = new KafkaInternalLog({
    ...kafkaLogOptions(prefix),
    partitions: { events: 4, deliveries: 4, 'deliveries-overflow': 2 },
  });
  await first.init();
  await first.close();
  t.deepEqual(await partitionsOf(), {
    events: 4,
    'events-overflow': 4,
    deliveries: 4,
    'deliveries-overflow': 2,
  });

  const second = new KafkaInternalLog({
    ...kafkaLogOptions(prefix),
    partitions: { events: 2, deliveries: 6 },
  });
  await second.init();
  await second.close();
  t.deepEqual(await partitionsOf(), {
    events: 4,
    'events-overflow': 4,
    deliveries: 6,
    'deliveries-overflow': 6,
  });
});

test('KafkaInternalLog › an unreachable cluster fails init and append with the retriable LogUnavailableError', async (t) => {
  const log = new KafkaInternalLog({
    ...kafkaLogOptions('unreachable.'),
    brokers: ['127.0.0.1:1'],
    retries: 0,
  });
  t.teardown(() => log.close());
  const initError = await t.throwsAsync(log.init(), { instanceOf: LogUnavailableError });
  t.true(initError?.retriable);
  await t.throwsAsync(log.append('events', [{ key: 'k', value: Buffer.from('x') }]), {
    instanceOf: LogUnavailableError,
  });
});

test('KafkaInternalLog › an append Kafka refuses fails naming what Kafka said', async (t) => {
  const prefix = `caravan-test.${randomBytes(4).toString('hex')}.`;
  // Topics that take records of at most 1 KiB, as a cluster's own limit may be lower than Caravan's.
  const log = new KafkaInternalLog({ ...kafkaLogOptions(prefix), maxMessageBytes: 1024 });
  t.teardown(async () => {
    await log.close();
    await deleteTopics(prefix);
  });
  const error = await t.throwsAsync(log.append('events', [{ key: 'k', value: Buffer.alloc(4096, 'x') }]), {
    instanceOf: LogUnavailableError,
  });
  t.regex(error?.message ?? '', /^Kafka did not acknowledge the appended records: MESSAGE_TOO_LARGE, /);
});
