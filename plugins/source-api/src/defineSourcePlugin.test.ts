import test from 'ava';
import { SOURCE_API_VERSION, defineSourcePlugin, type SourcePluginDefinition } from './defineSourcePlugin.js';
import {
  InvalidSourcePluginError,
  SourceConfigError,
  SourceError,
  SourceUnavailableError,
} from './errors.js';
import { openNetwork } from './testing/openNetwork.js';
import type { SourceConsumer } from './SourceConsumer.js';
import { acknowledges } from './SourceConsumer.js';

const consumer: SourceConsumer = { start: () => Promise.resolve(), stop: () => Promise.resolve() };
const valid: SourcePluginDefinition<{ queue: string }, null> = {
  id: 'acme-queue',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'Acme Queue',
  configSchema: { type: 'object', additionalProperties: false, properties: { queue: { type: 'string' } } },
  credentialsSchema: { type: 'object', additionalProperties: false, properties: {} },
  create: () => consumer,
};

test('defineSourcePlugin › returns the definition deeply frozen, with create still callable', (t) => {
  const plugin = defineSourcePlugin(valid);
  t.true(Object.isFrozen(plugin));
  t.true(Object.isFrozen(plugin.configSchema));
  t.true(Object.isFrozen((plugin.configSchema.properties as Record<string, object>).queue));
  t.is(plugin.id, 'acme-queue');
  t.is(
    plugin.create({
      config: { queue: 'q' },
      credentials: null,
      workers: 1,
      sourceId: 'src_1',
      logger: { debug() {}, info() {}, warn() {}, error() {} },
      network: openNetwork,
    }),
    consumer,
  );
  t.false(Object.isFrozen(valid.configSchema), "the author's own object is left alone");
});

for (const id of ['Acme-Queue', 'acme_queue', 'acme--queue', '-acme', 'acme-', '', 'a'.repeat(65)]) {
  test(`defineSourcePlugin › refuses the id ${JSON.stringify(id.slice(0, 12))}`, (t) => {
    const error = t.throws(() => defineSourcePlugin({ ...valid, id }), {
      instanceOf: InvalidSourcePluginError,
    });
    t.is(error?.code, 'CARAVAN_SOURCE_PLUGIN_INVALID');
    t.regex(error?.message ?? '', /<vendor>-<product>/);
  });
}

test('defineSourcePlugin › refuses another apiVersion, a blank display name and a schema that is not an object schema', (t) => {
  t.throws(() => defineSourcePlugin({ ...valid, apiVersion: 2 as never }), { message: /apiVersion 2/ });
  t.throws(() => defineSourcePlugin({ ...valid, displayName: ' ' }), { message: /displayName/ });
  t.throws(() => defineSourcePlugin({ ...valid, configSchema: { type: 'string' } as never }), {
    message: /configSchema/,
  });
  t.throws(() => defineSourcePlugin({ ...valid, credentialsSchema: null as never }), {
    message: /credentialsSchema/,
  });
});

test('acknowledges › accepted and rejected are acknowledged, retry-later is not', (t) => {
  t.true(acknowledges({ kind: 'accepted' }));
  t.true(acknowledges({ kind: 'rejected', reason: 'bad json' }));
  t.false(acknowledges({ kind: 'retry-later', delayMs: 10 }));
});

test('SourceError › subclasses carry a stable code, retriable, the field and the cause', (t) => {
  const cause = new Error('NOT_FOUND');
  const config = new SourceConfigError('no such queue', { field: '/config/queueUrl', cause });
  t.true(config instanceof SourceError);
  t.is(config.name, 'SourceConfigError');
  t.is(config.code, 'CARAVAN_SOURCE_CONFIG_INVALID');
  t.false(config.retriable);
  t.is(config.field, '/config/queueUrl');
  t.is(config.cause, cause);
  const down = new SourceUnavailableError('broker down');
  t.is(down.code, 'CARAVAN_SOURCE_UNAVAILABLE');
  t.true(down.retriable);
});
