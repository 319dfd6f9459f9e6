import { SOURCE_API_VERSION, defineSourcePlugin } from '@caravan/source-api';
import { SqsSourceConsumer } from './SqsSourceConsumer.js';
import { sqsConfigSchema, sqsCredentialsSchema, type SqsConfig, type SqsCredentials } from './sqsSchemas.js';

/** Amazon SQS: long-polls a queue with `workers` loops. */
export const awsSqsSource = defineSourcePlugin<SqsConfig, SqsCredentials>({
  id: 'aws-sqs',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'Amazon SQS',
  configSchema: sqsConfigSchema,
  credentialsSchema: sqsCredentialsSchema,
  create: ({ config, credentials, workers, logger }) =>
    new SqsSourceConsumer({
      queueUrl: config.queueUrl,
      region: config.region,
      endpoint: config.endpoint,
      credentials,
      workers,
      waitTimeSeconds: config.waitTimeSeconds ?? 20,
      visibilityTimeoutSeconds: config.visibilityTimeoutSeconds ?? 30,
      maxBatchSize: config.maxBatchSize ?? 10,
      retryBackoffMs: 1000,
      logger,
    }),
});
