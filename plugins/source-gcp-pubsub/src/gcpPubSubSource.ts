import { SOURCE_API_VERSION, defineSourcePlugin } from '@caravan/source-api';
import { PubSubSourceConsumer } from './PubSubSourceConsumer.js';
import {
  parseServiceAccountKey,
  pubSubConfigSchema,
  pubSubCredentialsSchema,
  type PubSubConfig,
  type PubSubCredentials,
} from './pubSubSchemas.js';

const MiB = 1024 * 1024;

/** Google Cloud Pub/Sub: pulls a subscription with StreamingPull. */
const DEFAULT_API_HOST = 'pubsub.googleapis.com';

export const gcpPubSubSource = defineSourcePlugin<PubSubConfig, PubSubCredentials>({
  id: 'gcp-pubsub',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'Google Cloud Pub/Sub',
  configSchema: pubSubConfigSchema,
  credentialsSchema: pubSubCredentialsSchema,
  create({ config, credentials, workers, logger, network }) {
    const maxBatchSize = config.maxBatchSize ?? 100;
    return new PubSubSourceConsumer({
      projectId: config.projectId,
      subscription: config.subscription,
      endpoint: config.emulatorHost ?? config.apiEndpoint ?? DEFAULT_API_HOST,
      emulator: config.emulatorHost !== undefined,
      serviceAccount: credentials ? parseServiceAccountKey(credentials.serviceAccountKey) : null,
      workers,
      maxBatchSize,
      maxBatchWaitMs: config.maxBatchWaitMs ?? 20,
      maxOutstandingMessages: config.maxOutstandingMessages ?? workers * maxBatchSize,
      maxOutstandingBytes: config.maxOutstandingBytes ?? workers * 10 * MiB,
      minAckDeadlineSeconds: config.minAckDeadlineSeconds,
      maxExtensionMinutes: config.maxExtensionMinutes ?? 60,
      retryBackoffMs: 1000,
      logger,
      network,
    });
  },
  // An emulator host or API endpoint is the tenant's choice; without either the client connects to
  // Google's default host, which the operator's allowlist governs like any other (named on apiEndpoint,
  // the field that would change it).
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
