import type { LookupAddress } from 'node:dns';
import test from 'ava';
import { defineSourcePlugin, SOURCE_API_VERSION, type SourceConsumer } from '@caravan/source-api';
import type { LoadedSourcePlugin } from '../plugins/index.js';
import { SOURCE_ADDRESS_REFUSED, SourceAddressGuard } from './SourceAddressGuard.js';

const dns: Record<string, string[]> = {
  'broker.example.com': ['93.184.216.7'],
  'internal.example.com': ['10.0.0.9'],
  'mixed.example.com': ['93.184.216.8', '127.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
};
const resolve = (host: string) =>
  dns[host]
    ? Promise.resolve(dns[host])
    : Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));

const guardWith = (allowedCidrs: string[] = [], allowedHosts = ['*']) =>
  new SourceAddressGuard({ allowedHosts, allowedCidrs, resolve });

// A plugin whose every config field `hosts` is a broker address.
const plugin: LoadedSourcePlugin = {
  module: 'test',
  definition: defineSourcePlugin<{ hosts: string[] }, never>({
    id: 'test-brokers',
    apiVersion: SOURCE_API_VERSION,
    displayName: 'Test',
    configSchema: { type: 'object' },
    credentialsSchema: { type: 'object' },
    create: () => ({}) as SourceConsumer,
    brokerAddresses: (config) => config.hosts.map((host, i) => ({ field: `/hosts/${i}`, host, port: 9092 })),
  }),
  validateConfig: () => [],
  validateCredentials: () => [],
};

function lookup(guard: SourceAddressGuard, host: string, all = false) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[] }>((done) =>
    guard.network.lookup(host, { all }, (error, address) => done({ error, address })),
  );
}

test('SourceAddressGuard › metadata, loopback and private brokers are refused naming the field, public ones pass', async (t) => {
  const problems = await guardWith().problems(plugin, {
    hosts: [
      '169.254.169.254',
      '127.0.0.1',
      'internal.example.com',
      'broker.example.com',
      'mixed.example.com',
    ],
  });
  t.deepEqual(
    problems.map((p) => [p.path.join('/'), p.message]),
    [
      [
        'config/hosts/0',
        'host 169.254.169.254 is 169.254.169.254, a cloud instance metadata address, which this installation does not allow (ssrf.allowedCidrs)',
      ],
      [
        'config/hosts/1',
        'host 127.0.0.1 is 127.0.0.1, a loopback address, which this installation does not allow (ssrf.allowedCidrs)',
      ],
      [
        'config/hosts/2',
        'host internal.example.com resolves to 10.0.0.9, a private network address, which this installation does not allow (ssrf.allowedCidrs)',
      ],
      [
        'config/hosts/4',
        'host mixed.example.com resolves to 127.0.0.1, a loopback address, which this installation does not allow (ssrf.allowedCidrs)',
      ],
    ],
  );
});

test('SourceAddressGuard › the operator admits ranges with ssrf.allowedCidrs; a name that does not resolve is left to connect time', async (t) => {
  const guard = guardWith(['127.0.0.0/8', '10.0.0.0/8']);
  t.deepEqual(
    await guard.problems(plugin, { hosts: ['127.0.0.1', 'internal.example.com', 'nowhere.example'] }),
    [],
  );
  t.is((await guard.problems(plugin, { hosts: ['169.254.169.254'] })).length, 1, 'metadata stays refused');
});

test('SourceAddressGuard › the host allowlist answers first, before any resolution', async (t) => {
  const guard = guardWith([], ['*.amazonaws.com']);
  const problems = await guard.problems(plugin, { hosts: ['internal.example.com'] });
  t.deepEqual(
    problems.map((p) => p.message),
    ['host internal.example.com:9092 is not allowed by this installation (sources.allowedHosts)'],
  );
});

test('SourceAddressGuard › the lent lookup refuses names and literals that reach refused addresses and answers the checked address', async (t) => {
  const guard = guardWith();
  for (const host of [
    'internal.example.com',
    'mixed.example.com',
    'metadata.example.com',
    '127.0.0.1',
    '[::1]',
  ]) {
    const { error } = await lookup(guard, host);
    t.is(error?.code, SOURCE_ADDRESS_REFUSED, host);
    t.false(error?.message.includes('10.0.0.9') ?? true, 'the refusal does not tell where the name points');
  }
  t.like(await lookup(guard, 'broker.example.com'), { error: null, address: '93.184.216.7' });
  t.deepEqual((await lookup(guard, 'broker.example.com', true)).address, [
    { address: '93.184.216.7', family: 4 },
  ]);
  t.is((await lookup(guard, 'nowhere.example')).error?.code, 'ENOTFOUND');
  t.false(guard.network.allowsAddress('169.254.169.254'));
  t.false(guard.network.allowsAddress('::ffff:127.0.0.1'));
  t.true(guard.network.allowsAddress('93.184.216.7'));
  t.true(guardWith(['127.0.0.0/8']).network.allowsAddress('127.0.0.1'));
});
