import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { runDestinationConformance, type ReceivedMessage } from '@caravan/destination-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { kafkaDestination } from './kafkaDestination.js';

const brokers = serviceSetting('CARAVAN_TEST_KAFKA_BROKERS').split(',');
const kafka = new Kafka({ clientId: 'caravan-destination-conformance', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
test.before(() => admin.connect());
test.after.always(() => admin.disconnect());

interface Fixture {
  topic: string;
  consumer: Consumer;
  inbox: ReceivedMessage[];
}

runDestinationConformance(test, {
  plugin: kafkaDestination,
  async setup(): Promise<Fixture> {
    const topic = `destination-${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const consumer = kafka.consumer({ groupId: `${topic}-reader` });
    const inbox: ReceivedMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const attributes = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [
            k,
            Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
          ]),
        );
        inbox.push({
          body: message.value ?? Buffer.alloc(0),
          attributes,
          key: message.key?.toString('utf8') ?? '',
        });
        return Promise.resolve();
      },
    });
    return { topic, consumer, inbox };
  },
  async teardown({ topic, consumer }) {
    await consumer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  },
  config: ({ topic }) => ({ brokers, topic }),
  async receive({ inbox }, { count, timeoutMs }) {
    const deadline = Date.now() + timeoutMs;
    while (inbox.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return inbox.splice(0, inbox.length);
  },
  unreachable: ({ topic }) => ({ brokers: ['127.0.0.1:1'], topic }),
  ordered: true,
  timeoutMs: 60_000,
});
