import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Webhook } from 'standardwebhooks';
import { declaredPlugins, installScratchPlugin, waitFor } from '@caravan/testing';
import { caravanClient } from '../support/caravanClient.js';
import { runCaravan, startCaravanServer } from '../support/caravanProcess.js';

// A plugin installed outside the repository, in a folder named by CARAVAN_PLUGIN_DIRECTORIES: no
// list of plugins anywhere, and nothing of Caravan changed.
function scratch(t: { teardown(fn: () => void): void }): string {
  const folder = mkdtempSync(join(tmpdir(), 'caravan-plugin-e2e-'));
  t.teardown(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

test('plugins › a destination plugin installed in a plugin folder is listed and delivers, with no list in config', async (t) => {
  const folder = scratch(t);
  await installScratchPlugin(folder, { name: '@acme/caravan-file-lines', id: 'acme-file-lines' });
  const server = await startCaravanServer(['dev', '--data-dir', join(folder, 'data'), '--port', '0'], {
    CARAVAN_PLUGIN_DIRECTORIES: folder,
  });
  t.teardown(() => server.stop('SIGKILL'));
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  const admin = caravanClient(server.url, adminKey);
  const tenant = await admin.tenants.create({ name: 'Acme' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(server.url, key);

  const types = (await api.destinationTypes.list()).data.map((p) => p.id);
  t.true(types.includes('acme-file-lines'), types.join(', '));
  const installed = await declaredPlugins('destination');
  t.is(types.length, installed.length + 1, 'the plugin beside every installed destination plugin');
  const sourceTypes = (await api.sourceTypes.list()).data;
  t.is(sourceTypes.length, (await declaredPlugins('source')).length, 'every installed source plugin');

  const file = join(folder, 'messages.jsonl');
  const endpoint = await api.endpoints.create({
    destination: { type: 'acme-file-lines', config: { path: file }, credentials: {} },
  });
  t.is(endpoint.url, 'acme-file-lines://');
  const { id } = await api.events.send({ eventType: 'order.shipped', payload: { n: 1 } });
  const lines = () => {
    try {
      return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  await waitFor(() => lines().length > 0, 'the message in the file', 60_000);
  const message = JSON.parse(lines()[0]!) as { body: string; attributes: Record<string, string> };
  t.is(message.attributes['webhook-id'], id);
  t.deepEqual(new Webhook(endpoint.secret).verify(message.body, message.attributes), { n: 1 });
  t.is(await server.stop('SIGINT'), 0);
});

test('plugins › a declared plugin in a plugin folder that fails to load stops caravan api and worker, naming it', async (t) => {
  const folder = scratch(t);
  await installScratchPlugin(folder, { name: '@acme/broken-bus', id: 'acme-broken', variant: 'throws' });
  const env = {
    CARAVAN_DATABASE_URL: `sqlite:${join(folder, 'c.sqlite')}`,
    CARAVAN_ADMIN_KEY: 'admin-key-for-tests-0123456789',
    CARAVAN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    CARAVAN_PLUGIN_DIRECTORIES: folder,
  };
  t.is((await runCaravan(['migrate', 'latest'], env)).code, 0);
  for (const args of [['api'], ['worker', '--roles', 'dispatcher']]) {
    const { code, output } = await runCaravan(args, env);
    t.is(code, 1, args.join(' '));
    t.regex(
      output,
      /destination plugin @acme\/broken-bus could not be loaded: the broker SDK of this plugin is not installed/,
    );
  }
});
