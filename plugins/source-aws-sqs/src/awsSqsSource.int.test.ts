import { randomUUID } from 'node:crypto';
import test from 'ava';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { openNetwork, runSourceConformance } from '@caravan/source-api/testing';
import { serviceSetting } from '@caravan/testing/services';
import { awsSqsSource } from './awsSqsSource.js';

const endpoint = serviceSetting('CARAVAN_TEST_SQS_ENDPOINT');
const region = serviceSetting('CARAVAN_TEST_SQS_REGION');
// ElasticMQ does not check keys; passing some exercises the plugin's credentials path.
const credentials = { accessKeyId: 'AKIACARAVANCONFORMANCE', secretAccessKey: 'conformance' };
const admin = new SQSClient({ endpoint, region, credentials: { ...credentials } });
test.after.always(() => admin.destroy());

runSourceConformance(test, {
  plugin: awsSqsSource,
  async setup() {
    const created = await admin.send(new CreateQueueCommand({ QueueName: `conformance-${randomUUID()}` }));
    return created.QueueUrl!;
  },
  async teardown(queueUrl) {
    await admin.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  },
  // A 2 s visibility timeout, so the slow-host test proves the heartbeat quickly.
  config: (queueUrl) => ({ queueUrl, region, endpoint, visibilityTimeoutSeconds: 2 }),
  credentials,
  async publish(messages, queueUrl) {
    const ids: string[] = [];
    for (let start = 0; start < messages.length; start += 10) {
      const chunk = messages.slice(start, start + 10);
      const sent = await admin.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((m, i) => ({
            Id: String(i),
            MessageBody: m.body.toString('utf8'),
            MessageAttributes: Object.fromEntries(
              Object.entries(m.attributes).map(([name, value]) => [
                name,
                { DataType: 'String', StringValue: value },
              ]),
            ),
          })),
        }),
      );
      if (sent.Failed?.length) throw new Error(`SendMessageBatch failed: ${JSON.stringify(sent.Failed)}`);
      const byEntry = new Map(sent.Successful?.map((s) => [s.Id, s.MessageId!]));
      ids.push(...chunk.map((_, i) => byEntry.get(String(i))!));
    }
    return ids;
  },
  // 2.5 × the 2 s visibility timeout.
  slowDeliverMs: 5_000,
  // A message received by a long poll that stop() aborted stays invisible for the visibility timeout.
  quietMs: 3_000,
  startFailures: [
    {
      name: 'a queue that does not exist',
      config: { queueUrl: `${endpoint}/000000000000/missing-${randomUUID()}`, region, endpoint },
      credentials,
      error: 'config',
    },
  ],
});

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

test('aws-sqs source › backlog is the queue’s ApproximateNumberOfMessages: what waits, none once accepted', async (t) => {
  const created = await admin.send(new CreateQueueCommand({ QueueName: `backlog-${randomUUID()}` }));
  const queueUrl = created.QueueUrl!;
  t.teardown(() => admin.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).then(() => undefined));
  await admin.send(
    new SendMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: Array.from({ length: 5 }, (_, i) => ({ Id: String(i), MessageBody: `{"n":${i}}` })),
    }),
  );
  const consumer = awsSqsSource.create({
    config: { queueUrl, region, endpoint },
    credentials,
    workers: 1,
    sourceId: 'src_backlog',
    logger: quietLogger,
    network: openNetwork,
  });
  t.is(await consumer.backlog!(), 5, 'five messages wait');
  let accepted = 0;
  await consumer.start({
    deliver: (messages) => {
      accepted += messages.length;
      return Promise.resolve(messages.map(() => ({ kind: 'accepted' as const })));
    },
    fail: (error) => t.fail(error.message),
  });
  t.teardown(() => consumer.stop());
  for (const deadline = Date.now() + 30_000; accepted < 5 || (await consumer.backlog!()) !== 0;) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the backlog to drop to 0');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  t.is(await consumer.backlog!(), 0);
  await consumer.stop();
  t.is(await consumer.backlog!(), null, 'nothing to say once stopped');
});
