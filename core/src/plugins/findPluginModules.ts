import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PluginLoadError, toPluginModule, type PluginKindName, type PluginModule } from './PluginRegistry.js';

/** Where to look for plugins of one kind. */
export interface PluginSearch {
  readonly kind: PluginKindName;
  /**
   * The configured list (`sources.plugins` / `destinations.plugins`): package names or file paths.
   * `null` discovers every installed package that declares itself a plugin of this kind.
   */
  readonly explicit: readonly string[] | null;
  /** Further folders holding plugin packages (`plugins.directories`), relative to the working directory. */
  readonly directories: readonly string[];
  /**
   * The installation's `node_modules` folders, nearest first. Default: the ones Node searches when
   * this module imports a package, so whatever is found here imports by its name.
   */
  readonly installation?: readonly string[];
}

interface FoundPackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: Manifest;
  /** Found in the installation: imported by name, with the conditions Node runs with. */
  readonly installed: boolean;
}

interface Manifest {
  name?: unknown;
  main?: unknown;
  exports?: unknown;
  caravan?: { plugin?: unknown };
}

/**
 * The plugin modules of one kind. With an explicit list, exactly those (a listed package name is
 * looked up in the installation first, then in `directories`, and may be anything with a default
 * export). Without one, every package in the installation's `node_modules` and in `directories`
 * whose `package.json` says `"caravan": { "plugin": "<kind>" }`, sorted by package name; a package
 * name found twice is taken from the first place searched (installation, then directories in order).
 */
export async function findPluginModules(search: PluginSearch): Promise<PluginModule[]> {
  const installation = search.installation ?? nodeModulesFolders(dirname(fileURLToPath(import.meta.url)));
  for (const dir of search.directories) await mustBeFolder(dir);
  const folders = [
    ...installation.map((dir) => ({ dir, installed: true })),
    ...search.directories.flatMap((d) => {
      const dir = resolve(d);
      // A folder of packages, or a folder where `npm install` put them.
      return [
        { dir, installed: false },
        { dir: join(dir, 'node_modules'), installed: false },
      ];
    }),
  ];
  const found = new Map<string, FoundPackage>();
  for (const { dir, installed } of folders) {
    for (const pkg of await packagesIn(dir, installed)) {
      if (!found.has(pkg.name)) found.set(pkg.name, pkg);
    }
  }
  if (search.explicit !== null) {
    return search.explicit.map((entry) => {
      const pkg = found.get(entry);
      return pkg ? moduleOf(pkg) : toPluginModule(entry);
    });
  }
  return [...found.values()]
    .filter((pkg) => pkg.manifest.caravan?.plugin === search.kind)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(moduleOf);
}

/** A configured plugin folder that is not there is a mistake to report, not an empty folder. */
async function mustBeFolder(dir: string): Promise<void> {
  const found = await stat(resolve(dir)).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new PluginLoadError(
      `plugins.directories: ${dir} is not a folder${found ? '' : ' (it does not exist)'}`,
    );
  }
}

/** The `node_modules` folders Node searches from `dir` upwards, nearest first. */
export function nodeModulesFolders(dir: string): string[] {
  const folders: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (basename(current) !== 'node_modules') folders.push(join(current, 'node_modules'));
    if (dirname(current) === current) return folders;
  }
}

function moduleOf(pkg: FoundPackage): PluginModule {
  return { name: pkg.name, specifier: pkg.installed ? pkg.name : entryUrl(pkg) };
}

/** Every package directly in `dir` (and in its `@scope` folders); a missing folder has none. */
async function packagesIn(dir: string, installed: boolean): Promise<FoundPackage[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const candidates = (
    await Promise.all(
      names.map(async (name) =>
        name.startsWith('@')
          ? (await readdir(join(dir, name)).catch(() => [] as string[])).map((n) => join(dir, name, n))
          : name.startsWith('.')
            ? []
            : [join(dir, name)],
      ),
    )
  ).flat();
  const packages = await Promise.all(
    candidates.map(async (pkgDir): Promise<FoundPackage | undefined> => {
      const manifest = await readManifest(pkgDir);
      if (manifest === undefined || typeof manifest.name !== 'string') return undefined;
      return { name: manifest.name, dir: pkgDir, manifest, installed };
    }),
  );
  return packages.filter((p) => p !== undefined);
}

async function readManifest(pkgDir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(pkgDir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const manifest = JSON.parse(text) as unknown;
    return typeof manifest === 'object' && manifest !== null ? manifest : undefined;
  } catch (error) {
    // Only a package that claims to be a plugin must be readable; others are none of our business.
    if (text.includes('"caravan"')) {
      throw new PluginLoadError(`plugin package in ${pkgDir}: package.json is not valid JSON`, error);
    }
    return undefined;
  }
}

const CONDITIONS = new Set(['node', 'import', 'default']);

/**
 * The `file:` URL of a package's main entry, for a package outside the installation (which Node
 * cannot resolve by name from here): its `exports` for `.` under the conditions an ESM import in
 * Node matches, else `main`, else `index.js`.
 */
function entryUrl(pkg: FoundPackage): string {
  const { exports, main } = pkg.manifest;
  const target =
    exports === undefined
      ? typeof main === 'string'
        ? main
        : 'index.js'
      : exportTarget(
          typeof exports === 'object' && exports !== null && '.' in exports
            ? (exports as Record<string, unknown>)['.']
            : exports,
        );
  if (target === undefined) {
    throw new PluginLoadError(`plugin package ${pkg.name} (${pkg.dir}) exports no entry for an ESM import`);
  }
  return pathToFileURL(join(pkg.dir, target)).href;
}

function exportTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const target = exportTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  // Conditions match in the object's own key order, as Node matches them.
  for (const [condition, target] of Object.entries(value)) {
    if (!CONDITIONS.has(condition)) continue;
    const found = exportTarget(target);
    if (found !== undefined) return found;
  }
  return undefined;
}
