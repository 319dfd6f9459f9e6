export {
  definitionProblem,
  freezeDefinition,
  type BrokerAddress,
  type ContractRules,
  type JsonObjectSchema,
  type PluginDefinition,
  type PluginLogger,
} from './pluginDefinition.js';
