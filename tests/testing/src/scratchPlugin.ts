import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './services.js';

/** What {@link installScratchPlugin} writes. */
export interface ScratchPlugin {
  /** Package name (`@acme/caravan-file-lines`). */
  name: string;
  /** Plugin id (`acme-file-lines`). */
  id: string;
  /**
   * `ok`: a working destination plugin. `throws`: its module throws when imported. `old-api`: it
   * declares another `apiVersion`.
   */
  variant?: 'ok' | 'throws' | 'old-api';
  /** What `package.json` declares it to be (default `destination`). */
  declares?: 'source' | 'destination' | null;
}

/**
 * Installs a small, real destination plugin package into `<folder>/node_modules/<name>`, the way
 * `npm install` leaves one: a `package.json` that declares it (`"caravan": { "plugin": … }`), an ESM
 * entry, and `@caravan/destination-api` beside it (linked to this repository's copy). The plugin
 * appends each message it is given, as one JSON line (`id`, `key`, `attributes`, `body`), to the file
 * its endpoint config names (`{ "path": "/…/messages.jsonl" }`).
 */
export async function installScratchPlugin(folder: string, plugin: ScratchPlugin): Promise<string> {
  const dir = join(folder, 'node_modules', plugin.name);
  await mkdir(dir, { recursive: true });
  const api = join(folder, 'node_modules', '@caravan', 'destination-api');
  await mkdir(join(folder, 'node_modules', '@caravan'), { recursive: true });
  await symlink(join(repoRoot, 'plugins', 'destination-api'), api).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const declares = plugin.declares === undefined ? 'destination' : plugin.declares;
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: plugin.name,
        version: '1.0.0',
        type: 'module',
        exports: { '.': { import: './index.js' } },
        ...(declares ? { caravan: { plugin: declares } } : {}),
        dependencies: { '@caravan/destination-api': '^0.1.0' },
      },
      null,
      2,
    ),
  );
  const variant = plugin.variant ?? 'ok';
  await writeFile(
    join(dir, 'index.js'),
    `import { appendFile } from 'node:fs/promises';
import { DESTINATION_API_VERSION, defineDestinationPlugin } from '@caravan/destination-api';
${variant === 'throws' ? "throw new Error('the broker SDK of this plugin is not installed');\n" : ''}
const definition = {
  id: ${JSON.stringify(plugin.id)},
  apiVersion: ${variant === 'old-api' ? 'DESTINATION_API_VERSION + 1' : 'DESTINATION_API_VERSION'},
  displayName: 'JSON lines file',
  maxBatchSize: 10,
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: { path: { type: 'string', minLength: 1 } },
  },
  credentialsSchema: { type: 'object', additionalProperties: false, properties: {} },
  create: ({ config }) => ({
    async send(batch) {
      const lines = batch.map((m) =>
        JSON.stringify({ id: m.id, key: m.key, attributes: m.attributes, body: Buffer.from(m.body).toString('utf8') }),
      );
      await appendFile(config.path, lines.map((line) => line + '\\n').join(''));
      return batch.map(() => ({ kind: 'delivered' }));
    },
    async close() {},
  }),
};
export default ${variant === 'old-api' ? 'Object.freeze(definition)' : 'defineDestinationPlugin(definition)'};
`,
  );
  return dir;
}
