import { randomUUID } from 'node:crypto';
import test from 'ava';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { serviceSetting } from '@caravan/testing';

function sqs() {
  return new SQSClient({
    endpoint: serviceSetting('CARAVAN_TEST_SQS_ENDPOINT'),
    region: serviceSetting('CARAVAN_TEST_SQS_REGION'),
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
}

async function receiveAll(client: SQSClient, queueUrl: string, count: number, visibility: number) {
  const got: Message[] = [];
  for (let round = 0; round < 20 && got.length < count; round++) {
    const r = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        VisibilityTimeout: visibility,
        MessageAttributeNames: ['All'],
      }),
    );
    got.push(...(r.Messages ?? []));
  }
  return got;
}

test('ElasticMQ › the SQS SDK sends, receives and deletes in batches; an undeleted message comes back after its visibility timeout', async (t) => {
  const client = sqs();
  t.teardown(() => client.destroy());
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: `smoke-${randomUUID()}` }));
  const queueUrl = QueueUrl!;
  t.teardown(() => client.send(new DeleteQueueCommand({ QueueUrl: queueUrl })));

  const entries = Array.from({ length: 10 }, (_, i) => ({
    Id: `m${i}`,
    MessageBody: JSON.stringify({ n: i }),
    MessageAttributes: { kind: { DataType: 'String', StringValue: 'smoke' } },
  }));
  const sent = await client.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  t.is(sent.Successful?.length, 10);

  const first = await receiveAll(client, queueUrl, 10, 1);
  t.is(first.length, 10);
  t.is(first[0]!.MessageAttributes?.kind?.StringValue, 'smoke');

  // Delete nine; the tenth is left unacknowledged and must be redelivered once its visibility lapses.
  const keep = first.find((m) => JSON.parse(m.Body!).n === 9)!;
  const toDelete = first.filter((m) => m !== keep);
  const deleted = await client.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: toDelete.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
    }),
  );
  t.is(deleted.Successful?.length, 9);

  const again = await receiveAll(client, queueUrl, 1, 30);
  t.is(again.length, 1);
  t.is(again[0]!.MessageId, keep.MessageId);
  t.deepEqual(JSON.parse(again[0]!.Body!), { n: 9 });
});
