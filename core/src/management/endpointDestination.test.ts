import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import {
  DESTINATION_API_VERSION,
  defineDestinationPlugin,
  urlAddress,
  type BrokerAddress,
} from '@caravan/destination-api';
import { migrationsDir } from '@caravan/testing';
import { KeyRing } from '../crypto/KeyRing.js';
import { destinationPluginKind, PluginRegistry } from '../plugins/index.js';
import { destinationTarget } from '../dispatcher/EndpointCache.js';
import { ManualClock } from '../domain/Clock.js';
import { UrlGuard } from '../domain/urlGuard.js';
import { ValidationError } from '../errors/index.js';
import { createHostAllowlist } from '../sources/hostAllowlist.js';
import { createDatabase } from '../storage/createDatabase.js';
import { KnexEndpointRepository } from '../storage/knex/KnexEndpointRepository.js';
import { createMigrator } from '../storage/Migrator.js';
import { EndpointService } from './EndpointService.js';

const T0 = Date.UTC(2026, 0, 1);

const acmeBus = defineDestinationPlugin<{ url: string; topic: string }, { token: string }>({
  id: 'acme-bus',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'Acme Bus',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'topic'],
    properties: { url: { type: 'string', format: 'uri' }, topic: { type: 'string', minLength: 1 } },
  },
  credentialsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['token'],
    properties: { token: { type: 'string', minLength: 1 } },
  },
  create: () => ({ send: () => Promise.resolve([]), close: () => Promise.resolve() }),
  brokerAddresses: (config) => [urlAddress('/url', config.url)].filter((a): a is BrokerAddress => !!a),
});

async function setup(t: ExecutionContext) {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-destinations-')), 'caravan.sqlite'),
  });
  t.teardown(() => db.destroy());
  await createMigrator({ db, directory: migrationsDir }).latest();
  await db('tenants').insert({
    id: 'tnt_A',
    name: 'A',
    ingest_per_second: 1,
    deliveries_per_second: 1,
    max_endpoints: 100,
    max_payload_bytes: 1024,
    created_at: T0,
    updated_at: T0,
  });
  const keyRing = new KeyRing({
    primaryKeyId: 'k1',
    keys: [{ id: 'k1', key: Buffer.alloc(32, 1).toString('base64') }],
  });
  const service = new EndpointService({
    endpoints: new KnexEndpointRepository({ db }),
    keyRing,
    clock: new ManualClock(T0),
    urlGuard: new UrlGuard({ allowedCidrs: [], resolve: () => Promise.resolve(['93.184.216.34']) }),
    destinations: new PluginRegistry(destinationPluginKind, ['acme'], () =>
      Promise.resolve({ default: acmeBus }),
    ),
    destinationHosts: createHostAllowlist(['*.acme.example', 'bus.acme.example:443']),
  });
  return { db, keyRing, service };
}

const config = { url: 'https://eu.acme.example/bus', topic: 'webhooks' };

test('endpoint destinations › an endpoint delivers over http by default and needs its url', async (t) => {
  const { service } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: 'https://hooks.example.com/x' });
  t.deepEqual(endpoint.destination, { type: 'http', config: null, credentialsEncrypted: null });
  const error = await t.throwsAsync(service.create('tnt_A', {}), { instanceOf: ValidationError });
  t.deepEqual(error.errors, [{ path: ['url'], message: 'is required for the http destination' }]);
});

test('endpoint destinations › a broker destination stores its config, seals its credentials and sets the url', async (t) => {
  const { service, keyRing, db } = await setup(t);
  const { endpoint } = await service.create('tnt_A', {
    destination: { type: 'acme-bus', config, credentials: { token: 's3cret' } },
  });
  t.is(endpoint.url, 'acme-bus://eu.acme.example:443');
  t.deepEqual(endpoint.destination.config, config);
  const row = (await db('endpoints').where({ id: endpoint.id }).first()) as Record<string, string>;
  t.false(JSON.stringify(row).includes('s3cret'), 'the credentials are not stored in clear');
  const target = destinationTarget(await service.get('tnt_A', endpoint.id), keyRing);
  t.deepEqual(target?.credentials, { token: 's3cret' }, 'the dispatcher decrypts them');
  t.is(target?.type, 'acme-bus');
});

test('endpoint destinations › refuses an unknown type, a url, bad config and a host the operator does not allow', async (t) => {
  const { service } = await setup(t);
  const errorsOf = async (input: Parameters<EndpointService['create']>[1]) =>
    (await t.throwsAsync(service.create('tnt_A', input), { instanceOf: ValidationError })).errors;
  t.deepEqual(await errorsOf({ destination: { type: 'nope-bus', config } }), [
    {
      path: ['destination', 'type'],
      message: 'nope-bus is not an installed destination type (GET /v1/destination-types lists them)',
    },
  ]);
  t.deepEqual(
    (await errorsOf({ url: 'https://x.example/', destination: { type: 'acme-bus', config } }))[0]?.path,
    ['url'],
  );
  t.deepEqual((await errorsOf({ destination: { type: 'acme-bus', config: { url: config.url } } }))[0]?.path, [
    'destination',
    'config',
    'topic',
  ]);
  t.deepEqual(
    (await errorsOf({ destination: { type: 'acme-bus', config, credentials: { token: '' } } }))[0]?.path,
    ['destination', 'credentials', 'token'],
  );
  t.deepEqual(
    await errorsOf({ destination: { type: 'acme-bus', config: { url: 'https://10.0.0.1/', topic: 'x' } } }),
    [
      {
        path: ['destination', 'config', 'url'],
        message: 'host 10.0.0.1:443 is not allowed by this installation (destinations.allowedHosts)',
      },
    ],
  );
});

test('endpoint destinations › an update keeps the credentials unless sent, and switching back to http needs a url', async (t) => {
  const { service, keyRing } = await setup(t);
  const { endpoint } = await service.create('tnt_A', {
    destination: { type: 'acme-bus', config, credentials: { token: 'one' } },
  });
  const moved = await service.update('tnt_A', endpoint.id, {
    destination: { type: 'acme-bus', config: { ...config, url: 'https://bus.acme.example/' } },
  });
  t.is(moved.url, 'acme-bus://bus.acme.example:443');
  t.deepEqual(destinationTarget(moved, keyRing)?.credentials, { token: 'one' });
  const cleared = await service.update('tnt_A', endpoint.id, {
    destination: { type: 'acme-bus', config, credentials: null },
  });
  t.is(destinationTarget(cleared, keyRing)?.credentials, null);
  const refused = await t.throwsAsync(
    service.update('tnt_A', endpoint.id, { destination: { type: 'http' } }),
    {
      instanceOf: ValidationError,
    },
  );
  t.deepEqual(refused.errors[0]?.path, ['url']);
  const back = await service.update('tnt_A', endpoint.id, {
    destination: { type: 'http' },
    url: 'https://hooks.example.com/back',
  });
  t.deepEqual(back.destination, { type: 'http', config: null, credentialsEncrypted: null });
  t.is(back.url, 'https://hooks.example.com/back');
  const described = await service.update('tnt_A', endpoint.id, { description: 'still http' });
  t.is(described.url, 'https://hooks.example.com/back', 'a PATCH without url keeps an http endpoint’s url');
});
