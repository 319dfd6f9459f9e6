import { gcpPubSubDestination } from './gcpPubSubDestination.js';

export default gcpPubSubDestination;
export { gcpPubSubDestination };
export {
  PubSubDestinationProducer,
  toDestinationError,
  type PubSubProducerOptions,
} from './PubSubDestinationProducer.js';
export {
  pubSubDestinationConfigSchema,
  pubSubDestinationCredentialsSchema,
  type PubSubDestinationConfig,
  type PubSubDestinationCredentials,
} from './pubSubDestinationSchemas.js';
