import test from 'ava';
import type { SourceNetwork } from '@caravan/source-api';
import { awsSqsSource } from './awsSqsSource.js';

// The SDK's HTTP agents resolve through the host's guard: a refusing guard means no request leaves.
test('awsSqsSource › the SDK connects through the host’s guarded lookup', async (t) => {
  const asked: string[] = [];
  const network: SourceNetwork = {
    lookup: (hostname, _options, callback) => {
      asked.push(hostname);
      callback(Object.assign(new Error('refused'), { code: 'CARAVAN_SOURCE_ADDRESS_REFUSED' }), []);
    },
    allowsAddress: () => false,
  };
  const consumer = awsSqsSource.create({
    config: {
      queueUrl: 'http://sqs.internal.example:9324/000000000000/orders',
      region: 'eu-west-1',
      endpoint: 'http://sqs.internal.example:9324',
    },
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    workers: 1,
    sourceId: 'src_1',
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    network,
  });
  const error = await t.throwsAsync(consumer.start({ deliver: () => Promise.resolve([]), fail: () => {} }));
  t.is((error as { code?: string }).code, 'CARAVAN_SOURCE_UNAVAILABLE');
  t.true(asked.includes('sqs.internal.example'));
  await consumer.stop();
});
