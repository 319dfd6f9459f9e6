export {
  SOURCE_API_VERSION,
  MAX_SOURCE_WORKERS,
  defineSourcePlugin,
  sourcePluginProblem,
  type SourceContext,
  type SourceLogger,
  type SourceNetwork,
  type SourcePluginDefinition,
} from './defineSourcePlugin.js';
export type { BrokerAddress, JsonObjectSchema } from '@caravan/plugin-common';
export {
  acknowledges,
  type AcceptedOutcome,
  type RejectedOutcome,
  type RetryLaterOutcome,
  type SourceConsumer,
  type SourceMessage,
  type SourceOutcome,
  type SourceSink,
} from './SourceConsumer.js';
export {
  InvalidSourcePluginError,
  SourceAuthError,
  SourceConfigError,
  SourceError,
  SourceUnavailableError,
  type SourceErrorOptions,
} from './errors.js';
