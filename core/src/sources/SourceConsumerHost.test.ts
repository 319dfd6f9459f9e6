import test from 'ava';
import {
  defineSourcePlugin,
  SOURCE_API_VERSION,
  SourceAuthError,
  SourceUnavailableError,
  type SourceContext,
} from '@caravan/source-api';
import { KeyRing } from '../crypto/KeyRing.js';
import { systemClock } from '../domain/Clock.js';
import { createLogger } from '../observability/index.js';
import type { StoredSource } from '../storage/SourceRepository.js';
import type { LoadedSourcePlugin } from '../plugins/index.js';
import { SourceAddressGuard } from './SourceAddressGuard.js';
import { SourceConsumerHost } from './SourceConsumerHost.js';

type LastError = { code: string; message: string } | null;

/** Runs one source whose consumer fails to start with `failure`; answers its recorded `lastError`. */
async function lastErrorAfter(
  failure: Error,
  options: { hosts?: string[]; allowedCidrs?: string[] } = {},
): Promise<{ lastError: LastError; created: SourceContext<unknown, unknown>[] }> {
  const created: SourceContext<unknown, unknown>[] = [];
  const definition = defineSourcePlugin<{ hosts: string[] }, never>({
    id: 'test-brokers',
    apiVersion: SOURCE_API_VERSION,
    displayName: 'Test',
    configSchema: { type: 'object' },
    credentialsSchema: { type: 'object' },
    create: (context) => {
      created.push(context);
      return { start: () => Promise.reject(failure), stop: () => Promise.resolve() };
    },
    brokerAddresses: (config) => config.hosts.map((host, i) => ({ field: `/hosts/${i}`, host, port: 9092 })),
  }) as LoadedSourcePlugin['definition'];
  const plugin: LoadedSourcePlugin = {
    module: 'test',
    definition,
    validateConfig: () => [],
    validateCredentials: () => [],
  };
  let lastError: LastError = null;
  const host = new SourceConsumerHost(
    {
      registry: { get: () => Promise.resolve(plugin) },
      keyRing: new KeyRing({
        primaryKeyId: 'k',
        keys: [{ id: 'k', key: Buffer.alloc(32, 1).toString('base64') }],
      }),
      clock: systemClock,
      logger: createLogger({ level: 'silent', name: 'test' }),
      counters: { record: () => {} },
      ingest: { ingest: () => Promise.resolve([]) },
      deadLetters: { insertDeadLetter: () => Promise.resolve() },
      addressGuard: new SourceAddressGuard({
        allowedHosts: ['*'],
        allowedCidrs: options.allowedCidrs ?? ['127.0.0.0/8'],
        resolve: (name) => Promise.resolve(name === 'localhost' ? ['127.0.0.1'] : ['93.184.216.9']),
      }),
      setLastError: (_id, error) => {
        lastError = error && { code: error.code, message: error.message };
        return Promise.resolve();
      },
    },
    source({ hosts: options.hosts ?? ['127.0.0.1'] }),
  );
  await host.start();
  await host.stop();
  return { lastError, created };
}

function source(config: Record<string, unknown>): StoredSource {
  return {
    id: 'src_1',
    tenantId: 'tnt_1',
    name: 'probe',
    type: 'test-brokers',
    config,
    credentialsEncrypted: null,
    workers: 1,
    format: 'caravan',
    raw: null,
    status: 'running',
    version: 1,
    lastError: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

test('SourceConsumerHost › lastError is the same whatever answered at the address: closed port, timeout, another protocol', async (t) => {
  const failures = [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    new SourceUnavailableError('Connection timeout'),
    new SourceUnavailableError('Closed connection: unexpected response "HTTP/1.1 400 Bad Request"'),
    new Error('KafkaJSProtocolError: invalid frame size 1213486160'),
  ];
  const seen = new Set<string>();
  for (const failure of failures) {
    const { lastError } = await lastErrorAfter(failure);
    t.is(lastError?.code, 'CARAVAN_SOURCE_UNAVAILABLE');
    seen.add(lastError?.message ?? '');
  }
  t.deepEqual(
    [...seen],
    ['the test-brokers broker could not be reached, or did not answer as one; retrying with back-off'],
  );
});

test('SourceConsumerHost › an answer from the broker itself (credentials refused) is shown as reported', async (t) => {
  const { lastError } = await lastErrorAfter(new SourceAuthError('SASL_AUTHENTICATION_FAILED: bad password'));
  t.deepEqual(lastError, {
    code: 'CARAVAN_SOURCE_AUTH_FAILED',
    message: 'SASL_AUTHENTICATION_FAILED: bad password',
  });
});

test('SourceConsumerHost › a refused broker address keeps the consumer from being created; the guard is lent to consumers', async (t) => {
  const refused = await lastErrorAfter(new Error('never started'), {
    hosts: ['localhost'],
    allowedCidrs: [],
  });
  t.deepEqual(refused.created, [], 'create was never called');
  t.deepEqual(refused.lastError, {
    code: 'CARAVAN_SOURCE_ADDRESS_REFUSED',
    message:
      'config/hosts/0: host localhost resolves to 127.0.0.1, a loopback address, which this installation does not allow (ssrf.allowedCidrs)',
  });
  const allowed = await lastErrorAfter(new Error('stop here'), {
    hosts: ['broker.example.com'],
    allowedCidrs: [],
  });
  t.is(allowed.created.length, 1);
  t.false(allowed.created[0]!.network.allowsAddress('127.0.0.1'));
  t.true(allowed.created[0]!.network.allowsAddress('93.184.216.9'));
});
