import test from 'ava';
import { DESTINATION_API_VERSION } from '@caravan/destination-api';
import { memoryTopicDestination } from '@caravan/destination-api/testing';
import { SOURCE_API_VERSION } from '@caravan/source-api';
import { memoryQueueSource } from '@caravan/source-api/testing';
import { loadConfig } from '../config/index.js';
import { PluginLoadError, PluginRegistry } from './PluginRegistry.js';
import { destinationPluginKind, sourcePluginKind } from './pluginKinds.js';

const modules: Record<string, unknown> = {
  memory: { default: memoryQueueSource },
  'memory-copy': { default: memoryQueueSource },
  'memory-topic': { default: memoryTopicDestination },
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
  const registry = new PluginRegistry(sourcePluginKind, ['memory'], importer);
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

test('PluginRegistry › a destination plugin is checked by its own contract and gets its batch size filled in', async (t) => {
  const [plugin] = await new PluginRegistry(destinationPluginKind, ['memory-topic'], importer).list();
  t.is(plugin?.definition.apiVersion, DESTINATION_API_VERSION);
  t.true(Number.isInteger(plugin?.definition.maxBatchSize));
  await t.throwsAsync(new PluginRegistry(destinationPluginKind, ['old-api'], importer).list(), {
    instanceOf: PluginLoadError,
    message:
      /^destination plugin old-api: the default export is not a usable destination plugin: apiVersion 0/,
  });
});

test('PluginRegistry › refuses two plugins with one id, naming both modules', async (t) => {
  const error = await t.throwsAsync(
    new PluginRegistry(sourcePluginKind, ['memory', 'memory-copy'], importer).list(),
    { instanceOf: PluginLoadError },
  );
  t.regex(error?.message ?? '', /source plugins memory and memory-copy both have the id "caravan-memory"/);
});

test('PluginRegistry › refuses another apiVersion, a missing default export or create function, a bad schema and a missing package', async (t) => {
  const load = (name: string) => new PluginRegistry(sourcePluginKind, [name], importer).list();
  await t.throwsAsync(load('old-api'), {
    message: /old-api: the default export is not a usable source plugin: apiVersion 0 is not supported/,
  });
  await t.throwsAsync(load('no-default'), { message: /no default export/ });
  await t.throwsAsync(load('no-create'), { message: /create must be a function/ });
  await t.throwsAsync(load('bad-schema'), { message: /configSchema is not a valid/ });
  await t.throwsAsync(load('@acme/missing'), { message: /source plugin @acme\/missing could not be loaded/ });
});

test('PluginRegistry › a failed load fails every later call the same way', async (t) => {
  const registry = new PluginRegistry(sourcePluginKind, ['no-default'], importer);
  const first = await t.throwsAsync(registry.list());
  const again = await t.throwsAsync(registry.get('caravan-memory'));
  t.is(again, first);
});

test('PluginRegistry › plugin lists are optional in config; CARAVAN_*_PLUGINS and CARAVAN_PLUGIN_DIRECTORIES are comma lists', (t) => {
  const env = {
    CARAVAN_ADMIN_KEY: 'cadm_test_0123456789abcdefghijkl',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
  const defaults = loadConfig({ env });
  t.is(defaults.sources.plugins, null, 'no list: every installed source plugin');
  t.is(defaults.destinations.plugins, null, 'no list: every installed destination plugin');
  t.deepEqual(defaults.plugins.directories, []);
  const custom = loadConfig({
    env: {
      ...env,
      CARAVAN_SOURCE_PLUGINS: '@caravan/source-kafka, ./plugins/acme.js',
      CARAVAN_DESTINATION_PLUGINS: '',
      CARAVAN_PLUGIN_DIRECTORIES: '/opt/caravan-plugins, ./more',
    },
  });
  t.deepEqual(custom.sources.plugins, ['@caravan/source-kafka', './plugins/acme.js']);
  t.deepEqual(custom.destinations.plugins, [], 'an empty list loads none');
  t.deepEqual(custom.plugins.directories, ['/opt/caravan-plugins', './more']);
});
