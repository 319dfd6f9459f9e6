import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { destinationPluginProblem, type DestinationPluginDefinition } from '@caravan/destination-api';
import { compilePayloadSchema, type PayloadValidator } from '../domain/payloadSchema.js';
import { CaravanError } from '../errors/index.js';

/** A loaded destination plugin, with its schemas compiled once. */
export interface LoadedDestinationPlugin {
  /** The package name or file path it was loaded from (config `destinations.plugins`). */
  readonly module: string;
  readonly definition: DestinationPluginDefinition & { readonly maxBatchSize: number };
  /** Problems with a config, pointers relative to the config (`/queueUrl`). */
  readonly validateConfig: PayloadValidator;
  /** Problems with credentials, pointers relative to the credentials. */
  readonly validateCredentials: PayloadValidator;
}

/** A plugin named in `destinations.plugins` cannot be used: the process must not start with it. */
export class DestinationPluginLoadError extends CaravanError {
  constructor(message: string, cause?: unknown) {
    super('CARAVAN_CONFIG_INVALID', message, cause === undefined ? {} : { cause });
  }
}

/** Where the host finds the installed destination plugins. */
export interface DestinationPlugins {
  list(): Promise<LoadedDestinationPlugin[]>;
  get(id: string): Promise<LoadedDestinationPlugin | undefined>;
}

/**
 * The destination plugins of this installation, loaded from `destinations.plugins` with dynamic
 * `import()` on first use (the API and the dispatcher share it). A plugin that fails to load or breaks
 * the contract fails every call with the same error, so it is seen at start rather than silently missing.
 */
export class DestinationRegistry implements DestinationPlugins {
  private loaded: Promise<ReadonlyMap<string, LoadedDestinationPlugin>> | undefined;

  constructor(
    private readonly modules: readonly string[],
    private readonly importModule: (specifier: string) => Promise<unknown> = (s) => import(s),
  ) {}

  /** Every plugin, in config order. */
  async list(): Promise<LoadedDestinationPlugin[]> {
    return [...(await this.load()).values()];
  }

  /** The plugin whose id is `id`, or `undefined`. */
  async get(id: string): Promise<LoadedDestinationPlugin | undefined> {
    return (await this.load()).get(id);
  }

  load(): Promise<ReadonlyMap<string, LoadedDestinationPlugin>> {
    this.loaded ??= this.loadAll();
    return this.loaded;
  }

  private async loadAll(): Promise<ReadonlyMap<string, LoadedDestinationPlugin>> {
    const byId = new Map<string, LoadedDestinationPlugin>();
    for (const module of this.modules) {
      const plugin = checkPlugin(module, await this.importOne(module));
      const other = byId.get(plugin.definition.id);
      if (other) {
        throw new DestinationPluginLoadError(
          `destination plugins ${other.module} and ${module} both have the id "${plugin.definition.id}"`,
        );
      }
      byId.set(plugin.definition.id, plugin);
    }
    return byId;
  }

  private async importOne(module: string): Promise<unknown> {
    // A path (./x.js, /abs/x.js) is imported as a file relative to the working directory; anything
    // else is a package name resolved like any import.
    const isPath = module.startsWith('.') || isAbsolute(module);
    const specifier = isPath ? pathToFileURL(resolve(module)).href : module;
    try {
      return await this.importModule(specifier);
    } catch (error) {
      throw new DestinationPluginLoadError(
        `destination plugin ${module} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    }
  }
}

function checkPlugin(module: string, namespace: unknown): LoadedDestinationPlugin {
  const bad = (problem: string) => new DestinationPluginLoadError(`destination plugin ${module}: ${problem}`);
  const value = (namespace as { default?: unknown } | null)?.default;
  if (typeof value !== 'object' || value === null) throw bad('has no default export');
  const problem = destinationPluginProblem(value);
  if (problem !== undefined) throw bad(`the default export is not a usable destination plugin: ${problem}`);
  const def = value as DestinationPluginDefinition;
  const compile = (name: 'configSchema' | 'credentialsSchema'): PayloadValidator => {
    const compiled = compilePayloadSchema(def[name], 'plugin');
    if (!compiled.ok) throw bad(`${name} is not a valid JSON Schema: ${compiled.error.message}`);
    return compiled.validate;
  };
  return {
    module,
    definition: { ...def, maxBatchSize: def.maxBatchSize ?? 1 },
    validateConfig: compile('configSchema'),
    validateCredentials: compile('credentialsSchema'),
  };
}
