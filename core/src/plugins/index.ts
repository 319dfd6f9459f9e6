export {
  PluginLoadError,
  PluginRegistry,
  toPluginModule,
  type LoadedPlugin,
  type PluginDefinitionBase,
  type PluginKind,
  type PluginKindName,
  type PluginModule,
  type PluginModules,
  type Plugins,
} from './PluginRegistry.js';
export {
  destinationPluginKind,
  sourcePluginKind,
  type CompleteDestinationDefinition,
  type DestinationPluginRegistry,
  type DestinationPlugins,
  type LoadedDestinationPlugin,
  type LoadedSourcePlugin,
  type SourcePluginRegistry,
  type SourcePlugins,
} from './pluginKinds.js';
export { findPluginModules, nodeModulesFolders, type PluginSearch } from './findPluginModules.js';
