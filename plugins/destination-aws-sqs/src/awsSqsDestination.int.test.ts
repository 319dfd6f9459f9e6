import { randomUUID } from 'node:crypto';
import test from 'ava';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { runDestinationConformance, type ReceivedMessage } from '@caravan/destination-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { awsSqsDestination } from './awsSqsDestination.js';

const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
const elasticMq = new URL(endpoint);
// ElasticMQ does not check keys; passing some exercises the plugin's credentials path.
const credentials = { accessKeyId: 'AKIACARAVANCONFORMANCE', secretAccessKey: 'conformance' };
const admin = new SQSClient({ endpoint, region, credentials: { ...credentials } });
test.after.always(() => admin.destroy());

async function createQueue(fifo: boolean): Promise<string> {
  const created = await admin.send(
    new CreateQueueCommand({
      QueueName: `destination-${randomUUID()}${fifo ? '.fifo' : ''}`,
      ...(fifo ? { Attributes: { FifoQueue: 'true' } } : {}),
    }),
  );
  return created.QueueUrl!;
}

async function receive(
  queueUrl: string,
  expect: { count: number; timeoutMs: number },
): Promise<ReceivedMessage[]> {
  const got: ReceivedMessage[] = [];
  const deadline = Date.now() + expect.timeoutMs;
  while (got.length < expect.count && Date.now() < deadline) {
    const answer = await admin.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['MessageGroupId'],
      }),
    );
    const messages = answer.Messages ?? [];
    for (const m of messages) {
      const attributes = Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']),
      );
      const key = m.Attributes?.MessageGroupId;
      got.push({ body: Buffer.from(m.Body ?? '', 'utf8'), attributes, ...(key ? { key } : {}) });
    }
    if (messages.length > 0)
      await admin.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
  }
  return got;
}

for (const fifo of [false, true]) {
  runDestinationConformance(test, {
    plugin: awsSqsDestination,
    title: fifo ? 'aws-sqs (FIFO)' : 'aws-sqs',
    setup: () => createQueue(fifo),
    teardown: async (queueUrl) => {
      await admin.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
    config: (queueUrl) => ({ queueUrl, region, endpoint }),
    credentials,
    receive,
    unreachable: (queueUrl) => ({ queueUrl, region, endpoint: 'http://127.0.0.1:1' }),
    outage: {
      target: () => ({ host: elasticMq.hostname, port: Number(elasticMq.port) }),
      config: (queueUrl, proxy) => ({ queueUrl, region, endpoint: `http://${proxy.host}:${proxy.port}` }),
    },
    ordered: fifo,
  });
}
