import { gcpPubSubSource } from './gcpPubSubSource.js';

export default gcpPubSubSource;
export { gcpPubSubSource };
export { PubSubSourceConsumer, toSourceError, type PubSubConsumerOptions } from './PubSubSourceConsumer.js';
export {
  parseServiceAccountKey,
  pubSubConfigSchema,
  pubSubCredentialsSchema,
  type PubSubConfig,
  type PubSubCredentials,
} from './pubSubSchemas.js';
