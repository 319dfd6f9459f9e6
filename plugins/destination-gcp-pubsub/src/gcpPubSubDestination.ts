import { DESTINATION_API_VERSION, defineDestinationPlugin } from '@caravan/destination-api';
import { PubSubDestinationProducer } from './PubSubDestinationProducer.js';
import {
  parseServiceAccountKey,
  pubSubDestinationConfigSchema,
  pubSubDestinationCredentialsSchema,
  type PubSubDestinationConfig,
  type PubSubDestinationCredentials,
} from './pubSubDestinationSchemas.js';

const DEFAULT_API_HOST = 'pubsub.googleapis.com';

/** Google Cloud Pub/Sub: each delivery published to the tenant's customer's topic. */
export const gcpPubSubDestination = defineDestinationPlugin<
  PubSubDestinationConfig,
  PubSubDestinationCredentials
>({
  id: 'gcp-pubsub',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'Google Cloud Pub/Sub',
  configSchema: pubSubDestinationConfigSchema,
  credentialsSchema: pubSubDestinationCredentialsSchema,
  maxBatchSize: 100,
  create: ({ config, credentials, logger }) =>
    new PubSubDestinationProducer({
      projectId: config.projectId,
      topic: config.topic,
      endpoint: config.emulatorHost ?? config.apiEndpoint ?? DEFAULT_API_HOST,
      emulator: config.emulatorHost !== undefined,
      serviceAccount: credentials ? parseServiceAccountKey(credentials.serviceAccountKey) : null,
      orderingKeys: config.orderingKeys ?? false,
      logger,
    }),
  // As for the source: the emulator or API host is the tenant's choice, and Google's default host
  // counts like any other (named on apiEndpoint, the field that would change it).
  brokerAddresses: (config) => {
    const named = (['emulatorHost', 'apiEndpoint'] as const).flatMap((name) => {
      const value: unknown = config[name];
      if (typeof value !== 'string') return [];
      const [host = '', port] = value.split(':');
      return [{ field: `/${name}`, host, port: port === undefined ? 443 : Number(port) }];
    });
    if (config.emulatorHost !== undefined || config.apiEndpoint !== undefined) return named;
    return [{ field: '/apiEndpoint', host: DEFAULT_API_HOST, port: 443 }];
  },
});
