import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './services.js';

/**
 * The package names of this repository's plugins (its `plugins/` workspaces, which npm installs)
 * whose `package.json` declares them a plugin of `kind`: what a Caravan run from this repository
 * finds, for tests that check it lists what is installed rather than a fixed list.
 */
export async function declaredPlugins(kind: 'source' | 'destination'): Promise<string[]> {
  const names: string[] = [];
  for (const folder of await readdir(join(repoRoot, 'plugins'))) {
    let manifest: { name?: string; caravan?: { plugin?: string } };
    try {
      manifest = JSON.parse(
        await readFile(join(repoRoot, 'plugins', folder, 'package.json'), 'utf8'),
      ) as typeof manifest;
    } catch {
      continue;
    }
    if (manifest.name && manifest.caravan?.plugin === kind) names.push(manifest.name);
  }
  return names.sort();
}

/** The plugin ids of {@link declaredPlugins}, read from each package's default export, sorted. */
export async function declaredPluginIds(kind: 'source' | 'destination'): Promise<string[]> {
  const ids: string[] = [];
  for (const name of await declaredPlugins(kind)) {
    const module = (await import(name)) as { default: { id: string } };
    ids.push(module.default.id);
  }
  return ids.sort();
}
