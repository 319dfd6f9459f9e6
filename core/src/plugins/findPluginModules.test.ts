import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { declaredPlugins as declaredInRepo, installScratchPlugin } from '@caravan/testing';
import { findPluginModules, nodeModulesFolders } from './findPluginModules.js';
import { PluginRegistry } from './PluginRegistry.js';
import { destinationPluginKind, sourcePluginKind } from './pluginKinds.js';

async function scratchFolder(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  // Outside the repository, so nothing there is reachable through the installation's node_modules.
  const folder = await mkdtemp(join(tmpdir(), 'caravan-plugins-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

test('findPluginModules › with no list, every installed package that declares itself, by kind', async (t) => {
  for (const kind of ['source', 'destination'] as const) {
    const found = await findPluginModules({ kind, explicit: null, directories: [] });
    const expected = await declaredInRepo(kind);
    t.true(expected.length > 0);
    t.deepEqual(
      found.map((m) => m.name),
      expected,
    );
    t.deepEqual(
      found.map((m) => m.specifier),
      expected,
      'installed packages import by name',
    );
  }
  const sources = new PluginRegistry(sourcePluginKind, () =>
    findPluginModules({ kind: 'source', explicit: null, directories: [] }),
  );
  t.is((await sources.list()).length, (await declaredInRepo('source')).length, 'each of them loads');
});

test('findPluginModules › a plugin installed in a configured folder outside the repository is found and loads', async (t) => {
  const folder = await scratchFolder(t);
  await installScratchPlugin(folder, { name: '@acme/caravan-file-lines', id: 'acme-file-lines' });
  await installScratchPlugin(folder, { name: 'acme-source-only', id: 'acme-source', declares: 'source' });
  await installScratchPlugin(folder, { name: 'acme-undeclared', id: 'acme-undeclared', declares: null });

  const found = await findPluginModules({ kind: 'destination', explicit: null, directories: [folder] });
  const names = found.map((m) => m.name);
  t.true(names.includes('@acme/caravan-file-lines'));
  t.false(names.includes('acme-source-only'), 'declared as another kind');
  t.false(names.includes('acme-undeclared'), 'not declared');
  t.deepEqual(
    names.filter((n) => n !== '@acme/caravan-file-lines'),
    await declaredInRepo('destination'),
    'beside the installed ones',
  );

  const registry = new PluginRegistry(destinationPluginKind, () =>
    findPluginModules({ kind: 'destination', explicit: null, directories: [folder] }),
  );
  const plugin = await registry.get('acme-file-lines');
  t.is(plugin?.module, '@acme/caravan-file-lines');
  t.is(plugin?.definition.maxBatchSize, 10);
  t.deepEqual(
    plugin?.validateConfig({}).map((e) => e.pointer),
    ['/path'],
  );
});

test('findPluginModules › an explicit list replaces discovery, and finds listed packages in the configured folders too', async (t) => {
  const folder = await scratchFolder(t);
  await installScratchPlugin(folder, { name: '@acme/caravan-file-lines', id: 'acme-file-lines' });
  const only = await findPluginModules({
    kind: 'destination',
    explicit: ['@caravan/destination-kafka', '@acme/caravan-file-lines', './local/plugin.js'],
    directories: [folder],
  });
  t.deepEqual(
    only.map((m) => m.name),
    ['@caravan/destination-kafka', '@acme/caravan-file-lines', './local/plugin.js'],
  );
  t.is(only[0]?.specifier, '@caravan/destination-kafka');
  t.true(only[1]?.specifier.startsWith('file://'), 'a folder package imports by its file');
  t.true(only[1]?.specifier.endsWith('/node_modules/@acme/caravan-file-lines/index.js'));
  t.true(only[2]?.specifier.startsWith('file:///'), 'a path is a file relative to the working directory');
  t.deepEqual(
    await findPluginModules({ kind: 'source', explicit: [], directories: [folder] }),
    [],
    'an empty list loads none',
  );
});

test('findPluginModules › a declared plugin that fails to load or has another apiVersion stops the load, naming its package', async (t) => {
  const folder = await scratchFolder(t);
  await installScratchPlugin(folder, { name: '@acme/broken-bus', id: 'acme-broken', variant: 'throws' });
  const broken = new PluginRegistry(destinationPluginKind, () =>
    findPluginModules({ kind: 'destination', explicit: null, directories: [folder] }),
  );
  await t.throwsAsync(broken.list(), {
    message:
      /^destination plugin @acme\/broken-bus could not be loaded: the broker SDK of this plugin is not installed/,
  });

  const other = await scratchFolder(t);
  await installScratchPlugin(other, { name: '@acme/future-bus', id: 'acme-future', variant: 'old-api' });
  const future = new PluginRegistry(destinationPluginKind, () =>
    findPluginModules({ kind: 'destination', explicit: null, directories: [other] }),
  );
  await t.throwsAsync(future.list(), {
    message: /^destination plugin @acme\/future-bus: .*apiVersion 2 is not supported/,
  });
});

test('PluginRegistry › verify loads and checks the plugins apart: it fails naming a broken or outdated one, and loads none into this process', async (t) => {
  const folder = await scratchFolder(t);
  const dir = await installScratchPlugin(folder, { name: '@acme/counted-bus', id: 'acme-counted' });
  // Each import of the module in this thread counts; the check's thread has a global of its own.
  await appendFile(
    join(dir, 'index.js'),
    '\nglobalThis.acmeCountedImports = (globalThis.acmeCountedImports ?? 0) + 1;\n',
  );
  const imports = () => (globalThis as { acmeCountedImports?: number }).acmeCountedImports ?? 0;
  const registry = new PluginRegistry(destinationPluginKind, () =>
    findPluginModules({ kind: 'destination', explicit: null, directories: [folder] }),
  );
  await registry.verify();
  t.is(imports(), 0, 'verified, not loaded here');
  t.is((await registry.get('acme-counted'))?.module, '@acme/counted-bus');
  t.is(imports(), 1, 'loaded on first use');

  const broken = await scratchFolder(t);
  await installScratchPlugin(broken, { name: '@acme/broken-bus', id: 'acme-broken', variant: 'throws' });
  await t.throwsAsync(
    new PluginRegistry(destinationPluginKind, () =>
      findPluginModules({ kind: 'destination', explicit: null, directories: [broken] }),
    ).verify(),
    {
      message:
        /^destination plugin @acme\/broken-bus could not be loaded: the broker SDK of this plugin is not installed/,
    },
  );
  const outdated = await scratchFolder(t);
  await installScratchPlugin(outdated, { name: '@acme/future-bus', id: 'acme-future', variant: 'old-api' });
  await t.throwsAsync(
    new PluginRegistry(destinationPluginKind, () =>
      findPluginModules({ kind: 'destination', explicit: null, directories: [outdated] }),
    ).verify(),
    { message: /^destination plugin @acme\/future-bus: .*apiVersion 2 is not supported/ },
  );
});

test('findPluginModules › a configured plugin folder that does not exist is an error naming it', async (t) => {
  const folder = await scratchFolder(t);
  const missing = join(folder, 'no-such-folder');
  await t.throwsAsync(findPluginModules({ kind: 'source', explicit: null, directories: [missing] }), {
    message: `plugins.directories: ${missing} is not a folder (it does not exist)`,
  });
});

test('nodeModulesFolders › the folders Node searches, nearest first, never inside a node_modules name', (t) => {
  t.deepEqual(nodeModulesFolders('/app/node_modules/@caravan/core/dist'), [
    '/app/node_modules/@caravan/core/dist/node_modules',
    '/app/node_modules/@caravan/core/node_modules',
    '/app/node_modules/@caravan/node_modules',
    '/app/node_modules',
    '/node_modules',
  ]);
});
