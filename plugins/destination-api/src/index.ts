export {
  DESTINATION_API_VERSION,
  MAX_DESTINATION_BATCH,
  defineDestinationPlugin,
  destinationPluginProblem,
  type DestinationContext,
  type DestinationLogger,
  type DestinationPluginDefinition,
} from './defineDestinationPlugin.js';
export type { BrokerAddress, JsonObjectSchema } from '@caravan/plugin-common';
export {
  outcomeOfError,
  type DeliveredOutcome,
  type DestinationMessage,
  type DestinationOutcome,
  type DestinationProducer,
  type FailedOutcome,
  type RetryOutcome,
} from './DestinationProducer.js';
export {
  DestinationAuthError,
  DestinationConfigError,
  DestinationError,
  DestinationMessageRejectedError,
  DestinationUnavailableError,
  InvalidDestinationPluginError,
  type DestinationErrorOptions,
} from './errors.js';
export { urlAddress } from './urlAddress.js';
