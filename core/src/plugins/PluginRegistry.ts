import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compilePayloadSchema, type PayloadValidator } from '../domain/payloadSchema.js';
import { CaravanError } from '../errors/index.js';
import { verifyPluginsApart } from './verifyPluginsApart.js';

type PluginSchema = Parameters<typeof compilePayloadSchema>[0];

/** What every plugin definition has, whatever its kind. */
export interface PluginDefinitionBase {
  readonly id: string;
  readonly configSchema: PluginSchema;
  readonly credentialsSchema: PluginSchema;
}

/** The kinds of plugin, as a package declares them in its `package.json` (`"caravan": { "plugin": … }`). */
export type PluginKindName = 'source' | 'destination';

/** How the host checks and completes one kind of plugin; the contract package owns the check. */
export interface PluginKind<Definition extends PluginDefinitionBase> {
  readonly name: PluginKindName;
  /** What makes a default export unusable (`sourcePluginProblem`, `destinationPluginProblem`), or `undefined`. */
  problem(value: unknown): string | undefined;
  /** The definition with its optional settings filled in; called only when `problem` found none. */
  complete(value: object): Definition;
}

/** A loaded plugin, with its schemas compiled once. */
export interface LoadedPlugin<Definition extends PluginDefinitionBase> {
  /** The package name or file path it was loaded from, as errors name it. */
  readonly module: string;
  readonly definition: Definition;
  /** Problems with a config, pointers relative to the config (`/queueUrl`). */
  readonly validateConfig: PayloadValidator;
  /** Problems with credentials, pointers relative to the credentials. */
  readonly validateCredentials: PayloadValidator;
}

/** The installed plugins of one kind, as the host reads them. */
export interface Plugins<Definition extends PluginDefinitionBase> {
  /** Every plugin, in the order they were listed or found. */
  list(): Promise<LoadedPlugin<Definition>[]>;
  /** The plugin whose id is `id`, or `undefined`. */
  get(id: string): Promise<LoadedPlugin<Definition> | undefined>;
}

/** One module to load: how errors name it, and what `import()` is given. */
export interface PluginModule {
  /** The package name, or the file path as configured. */
  readonly name: string;
  /** A package name or a `file:` URL. */
  readonly specifier: string;
}

/**
 * The plugins to load: an explicit list (package names or file paths), or a search run once, at the
 * first load (`findPluginModules`).
 */
export type PluginModules = readonly (string | PluginModule)[] | (() => Promise<readonly PluginModule[]>);

/** A plugin cannot be used: the process must not start with it. The message names its package. */
export class PluginLoadError extends CaravanError {
  constructor(message: string, cause?: unknown) {
    super('CARAVAN_CONFIG_INVALID', message, cause === undefined ? {} : { cause });
  }
}

/**
 * The plugins of one kind in this installation, loaded with dynamic `import()` on first use (the API
 * and the worker roles share one registry; loading is async while service wiring is not). A plugin
 * that fails to load or breaks its contract fails every call with the same error naming it, so it is
 * seen at start rather than silently missing.
 */
export class PluginRegistry<Definition extends PluginDefinitionBase> implements Plugins<Definition> {
  private loaded: Promise<ReadonlyMap<string, LoadedPlugin<Definition>>> | undefined;

  private readonly importModule: (specifier: string) => Promise<unknown>;
  private readonly importsApart: boolean;

  constructor(
    private readonly kind: PluginKind<Definition>,
    private readonly modules: PluginModules,
    importModule?: (specifier: string) => Promise<unknown>,
  ) {
    this.importModule = importModule ?? ((s) => import(s));
    this.importsApart = importModule === undefined;
  }

  async list(): Promise<LoadedPlugin<Definition>[]> {
    return [...(await this.load()).values()];
  }

  async get(id: string): Promise<LoadedPlugin<Definition> | undefined> {
    return (await this.load()).get(id);
  }

  /**
   * Fails, naming the plugin, when one cannot be loaded or breaks its contract, without keeping the
   * plugins loaded: they are loaded and checked in a worker thread (its memory goes with it) and loaded
   * here on first use. What a process runs at start so a broken plugin stops it then, not at a tenant's
   * first request. With an `importModule` of its own (tests), loads them here instead.
   */
  async verify(): Promise<void> {
    if (this.loaded || !this.importsApart) {
      await this.load();
      return;
    }
    const modules =
      typeof this.modules === 'function' ? await this.modules() : this.modules.map(toPluginModule);
    const problem = await verifyPluginsApart(this.kind.name, modules);
    if (problem !== undefined) throw new PluginLoadError(problem);
  }

  load(): Promise<ReadonlyMap<string, LoadedPlugin<Definition>>> {
    this.loaded ??= this.loadAll();
    return this.loaded;
  }

  private async loadAll(): Promise<ReadonlyMap<string, LoadedPlugin<Definition>>> {
    const modules =
      typeof this.modules === 'function' ? await this.modules() : this.modules.map(toPluginModule);
    const byId = new Map<string, LoadedPlugin<Definition>>();
    for (const module of modules) {
      const plugin = this.check(module.name, await this.importOne(module));
      const other = byId.get(plugin.definition.id);
      if (other) {
        throw new PluginLoadError(
          `${this.kind.name} plugins ${other.module} and ${module.name} both have the id "${plugin.definition.id}"`,
        );
      }
      byId.set(plugin.definition.id, plugin);
    }
    return byId;
  }

  private async importOne(module: PluginModule): Promise<unknown> {
    try {
      return await this.importModule(module.specifier);
    } catch (error) {
      throw new PluginLoadError(
        `${this.kind.name} plugin ${module.name} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    }
  }

  private check(module: string, namespace: unknown): LoadedPlugin<Definition> {
    const kind = this.kind.name;
    const bad = (problem: string) => new PluginLoadError(`${kind} plugin ${module}: ${problem}`);
    const value = (namespace as { default?: unknown } | null)?.default;
    if (typeof value !== 'object' || value === null) throw bad('has no default export');
    const problem = this.kind.problem(value);
    if (problem !== undefined) throw bad(`the default export is not a usable ${kind} plugin: ${problem}`);
    const definition = this.kind.complete(value);
    const compile = (name: 'configSchema' | 'credentialsSchema'): PayloadValidator => {
      const compiled = compilePayloadSchema(definition[name], 'plugin');
      if (!compiled.ok) throw bad(`${name} is not a valid JSON Schema: ${compiled.error.message}`);
      return compiled.validate;
    };
    return {
      module,
      definition,
      validateConfig: compile('configSchema'),
      validateCredentials: compile('credentialsSchema'),
    };
  }
}

/**
 * An entry of an explicit list as a module: a path (./x.js, /abs/x.js) is a file relative to the
 * working directory; anything else is a package name resolved like any import.
 */
export function toPluginModule(entry: string | PluginModule): PluginModule {
  if (typeof entry !== 'string') return entry;
  const isPath = entry.startsWith('.') || isAbsolute(entry);
  return { name: entry, specifier: isPath ? pathToFileURL(resolve(entry)).href : entry };
}
