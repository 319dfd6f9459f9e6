import test from 'ava';
import { openNetwork } from '@caravan/source-api/testing';
import { gcpPubSubSource } from './gcpPubSubSource.js';
import { toSourceError } from './PubSubSourceConsumer.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const context = (serviceAccountKey: string) => ({
  config: { projectId: 'acme', subscription: 'events' },
  credentials: { serviceAccountKey },
  workers: 1,
  sourceId: 'src_1',
  logger,
  network: openNetwork,
});

test('gcpPubSubSource › a key that is not a service account key is refused at create, naming the field', (t) => {
  for (const key of ['not json', '{"type":"authorized_user"}']) {
    const error = t.throws(() => gcpPubSubSource.create(context(key)));
    t.is((error as { code?: string }).code, 'CARAVAN_SOURCE_CONFIG_INVALID');
    t.is((error as { field?: string }).field, '/credentials/serviceAccountKey');
  }
  t.notThrows(() =>
    gcpPubSubSource.create(
      context(JSON.stringify({ client_email: 'a@acme.iam', private_key: '-----BEGIN' })),
    ),
  );
});

test('gcpPubSubSource › stream errors map to the contract: NOT_FOUND config, PERMISSION_DENIED auth, others unavailable', (t) => {
  const status = (code: number) => Object.assign(new Error(`status ${code}`), { code });
  t.is(toSourceError(status(5), 'events').code, 'CARAVAN_SOURCE_CONFIG_INVALID');
  t.is(toSourceError(status(7), 'events').code, 'CARAVAN_SOURCE_AUTH_FAILED');
  t.is(toSourceError(status(16), 'events').code, 'CARAVAN_SOURCE_AUTH_FAILED');
  t.is(toSourceError(status(14), 'events').code, 'CARAVAN_SOURCE_UNAVAILABLE');
});

test('gcpPubSubSource › broker addresses: the tenant’s hosts, or Google’s default host when none is named', (t) => {
  const addresses = (config: Parameters<NonNullable<typeof gcpPubSubSource.brokerAddresses>>[0]) =>
    gcpPubSubSource.brokerAddresses!(config);
  t.deepEqual(addresses({ projectId: 'p', subscription: 'orders' }), [
    { field: '/apiEndpoint', host: 'pubsub.googleapis.com', port: 443 },
  ]);
  t.deepEqual(
    addresses({ projectId: 'p', subscription: 'orders', apiEndpoint: 'europe-west1-pubsub.googleapis.com' }),
    [{ field: '/apiEndpoint', host: 'europe-west1-pubsub.googleapis.com', port: 443 }],
  );
  t.deepEqual(addresses({ projectId: 'p', subscription: 'orders', emulatorHost: '127.0.0.1:8085' }), [
    { field: '/emulatorHost', host: '127.0.0.1', port: 8085 },
  ]);
  t.deepEqual(
    addresses({ projectId: 'p', subscription: 'orders', emulatorHost: 8085 } as never),
    [],
    'a field of the wrong type (before the schema check) names no host',
  );
});
