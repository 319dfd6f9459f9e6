import { destinationPluginProblem, type DestinationPluginDefinition } from '@caravan/destination-api';
import { sourcePluginProblem, type SourcePluginDefinition } from '@caravan/source-api';
import type { LoadedPlugin, PluginKind, PluginRegistry, Plugins } from './PluginRegistry.js';

/** A destination definition with `maxBatchSize` filled in. */
export type CompleteDestinationDefinition = DestinationPluginDefinition & { readonly maxBatchSize: number };

/** Source plugins: `@caravan/source-api`'s contract. */
export const sourcePluginKind: PluginKind<SourcePluginDefinition> = {
  name: 'source',
  problem: sourcePluginProblem,
  complete: (value) => value as SourcePluginDefinition,
};

/** Destination plugins: `@caravan/destination-api`'s contract; `maxBatchSize` defaults to 1. */
export const destinationPluginKind: PluginKind<CompleteDestinationDefinition> = {
  name: 'destination',
  problem: destinationPluginProblem,
  complete: (value) => {
    const definition = value as DestinationPluginDefinition;
    return { ...definition, maxBatchSize: definition.maxBatchSize ?? 1 };
  },
};

export type LoadedSourcePlugin = LoadedPlugin<SourcePluginDefinition>;
export type LoadedDestinationPlugin = LoadedPlugin<CompleteDestinationDefinition>;
export type SourcePlugins = Plugins<SourcePluginDefinition>;
export type DestinationPlugins = Plugins<CompleteDestinationDefinition>;
export type SourcePluginRegistry = PluginRegistry<SourcePluginDefinition>;
export type DestinationPluginRegistry = PluginRegistry<CompleteDestinationDefinition>;
