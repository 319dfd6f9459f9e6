import test from 'ava';
import type { SourceNetwork } from '@caravan/source-api';
import { gcpPubSubSource } from './gcpPubSubSource.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };

function refusing() {
  const asked: string[] = [];
  const network: SourceNetwork = {
    lookup: (hostname, _options, callback) => {
      asked.push(hostname);
      callback(Object.assign(new Error('refused'), { code: 'CARAVAN_SOURCE_ADDRESS_REFUSED' }), []);
    },
    allowsAddress: (address) => {
      asked.push(address);
      return false;
    },
  };
  return { network, asked };
}

// gRPC takes no lookup: the endpoint goes through the guard before the client is made.
test('gcpPubSubSource › the endpoint is checked by the host’s guard before connecting', async (t) => {
  for (const [config, host] of [
    [{ emulatorHost: 'pubsub.internal.example:8085' }, 'pubsub.internal.example'],
    [{ apiEndpoint: '10.0.0.7:443' }, '10.0.0.7'],
    [{}, 'pubsub.googleapis.com'],
  ] as const) {
    const { network, asked } = refusing();
    const consumer = gcpPubSubSource.create({
      config: { projectId: 'p', subscription: 'orders', ...config },
      credentials: null,
      workers: 1,
      sourceId: 'src_1',
      logger,
      network,
    });
    const error = await t.throwsAsync(consumer.start({ deliver: () => Promise.resolve([]), fail: () => {} }));
    t.is((error as { code?: string }).code, 'CARAVAN_SOURCE_UNAVAILABLE', host);
    t.deepEqual(asked, [host]);
    await consumer.stop();
  }
});
