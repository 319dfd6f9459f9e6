import test from 'ava';
import { SOURCE_API_VERSION } from '@caravan/source-api';
import { memoryQueueSource } from '@caravan/source-api/testing';
import { loadConfig } from '../config/index.js';
import { PluginRegistry, SourcePluginLoadError } from './PluginRegistry.js';

const modules: Record<string, unknown> = {
  memory: { default: memoryQueueSource },
  'memory-copy': { default: memoryQueueSource },
  'old-api': { default: { ...memoryQueueSource, id: 'old-queue', apiVersion: 0 } },
  'no-default': { something: 1 },
  'no-create': { default: { ...memoryQueueSource, id: 'no-create', create: undefined } },
  'bad-schema': {
    default: {
      ...memoryQueueSource,
      id: 'bad-schema',
      configSchema: { type: 'object', properties: { a: { type: 'nope' } } },
    },
  },
};
const importer = (specifier: string) =>
  specifier in modules
    ? Promise.resolve(modules[specifier])
    : Promise.reject(new Error(`Cannot find package '${specifier}'`));

test('PluginRegistry › loads the default export and compiles its schemas once', async (t) => {
  const registry = new PluginRegistry(['memory'], importer);
  const [plugin] = await registry.list();
  t.is(plugin?.definition.id, 'caravan-memory');
  t.is(plugin?.definition.apiVersion, SOURCE_API_VERSION);
  t.is(await registry.get('caravan-memory'), plugin);
  t.is(await registry.get('acme'), undefined);
  t.deepEqual(plugin?.validateConfig({ queue: 'q' }), []);
  t.deepEqual(
    plugin
      ?.validateConfig({ queu: 'q' })
      .map((e) => e.pointer)
      .sort(),
    ['/queu', '/queue'],
  );
});

test('PluginRegistry › refuses two plugins with one id, naming both modules', async (t) => {
  const error = await t.throwsAsync(new PluginRegistry(['memory', 'memory-copy'], importer).list(), {
    instanceOf: SourcePluginLoadError,
  });
  t.regex(error?.message ?? '', /memory and memory-copy both have the id "caravan-memory"/);
});

test('PluginRegistry › refuses another apiVersion, a missing default export or create function, a bad schema and a missing package', async (t) => {
  await t.throwsAsync(new PluginRegistry(['old-api'], importer).list(), {
    message: /old-api: the default export is not a usable source plugin: apiVersion 0 is not supported/,
  });
  await t.throwsAsync(new PluginRegistry(['no-default'], importer).list(), { message: /no default export/ });
  await t.throwsAsync(new PluginRegistry(['no-create'], importer).list(), {
    message: /create must be a function/,
  });
  await t.throwsAsync(new PluginRegistry(['bad-schema'], importer).list(), {
    message: /configSchema is not a valid/,
  });
  await t.throwsAsync(new PluginRegistry(['@acme/missing'], importer).list(), {
    message: /could not be loaded/,
  });
});

test('PluginRegistry › loads the shipped plugins by package name', async (t) => {
  const registry = new PluginRegistry([
    '@caravan/source-gcp-pubsub',
    '@caravan/source-aws-sqs',
    '@caravan/source-kafka',
  ]);
  t.deepEqual(
    (await registry.list()).map((p) => p.definition.id),
    ['gcp-pubsub', 'aws-sqs', 'kafka'],
  );
});

test('PluginRegistry › sources.plugins defaults to the shipped three; CARAVAN_SOURCE_PLUGINS is a comma list', (t) => {
  const env = {
    CARAVAN_ADMIN_KEY: 'cadm_test_0123456789abcdefghijkl',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
  t.deepEqual(loadConfig({ env }).sources.plugins, [
    '@caravan/source-gcp-pubsub',
    '@caravan/source-aws-sqs',
    '@caravan/source-kafka',
  ]);
  const custom = loadConfig({
    env: { ...env, CARAVAN_SOURCE_PLUGINS: '@caravan/source-kafka, ./plugins/acme.js' },
  });
  t.deepEqual(custom.sources.plugins, ['@caravan/source-kafka', './plugins/acme.js']);
});
