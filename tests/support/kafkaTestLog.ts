import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaInternalLog } from '@caravan/core';
import { serviceSetting } from '@caravan/testing';

/**
 * A Kafka internal log on the harness's broker, on topics of its own (`<label>.<random>.`), with
 * consumer timing short enough for tests; `dropTopics()` deletes them.
 */
export function kafkaTestLog(
  label: string,
  options: { partitions: { events: number; deliveries: number }; maxWaitTimeMs: number },
): { log: KafkaInternalLog; dropTopics: () => Promise<void> } {
  const brokers = serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
  const topicPrefix = `${label}.${randomBytes(4).toString('hex')}.`;
  const log = new KafkaInternalLog({
    brokers,
    clientId: label,
    topicPrefix,
    partitions: options.partitions,
    replicationFactor: 1,
    consumer: {
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      heartbeatIntervalMs: 300,
      maxWaitTimeMs: options.maxWaitTimeMs,
    },
    retryBackoffMs: 50,
  });
  return {
    log,
    dropTopics: async () => {
      const admin = new Kafka({ clientId: label, brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
        if (topics.length > 0) await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
    },
  };
}
