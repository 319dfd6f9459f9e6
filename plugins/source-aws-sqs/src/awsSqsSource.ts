import { SOURCE_API_VERSION, defineSourcePlugin, type BrokerAddress } from '@caravan/source-api';
import { SqsSourceConsumer } from './SqsSourceConsumer.js';
import { sqsConfigSchema, sqsCredentialsSchema, type SqsConfig, type SqsCredentials } from './sqsSchemas.js';

/** Amazon SQS: long-polls a queue with `workers` loops. */
export const awsSqsSource = defineSourcePlugin<SqsConfig, SqsCredentials>({
  id: 'aws-sqs',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'Amazon SQS',
  configSchema: sqsConfigSchema,
  credentialsSchema: sqsCredentialsSchema,
  create: ({ config, credentials, workers, logger, network }) =>
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
      network,
    }),
  // The SDK sends to the queue URL's host (or to `endpoint` when given): both are tenant-chosen.
  brokerAddresses: (config) =>
    [
      urlAddress('/queueUrl', config.queueUrl),
      config.endpoint === undefined ? undefined : urlAddress('/endpoint', config.endpoint),
    ].filter((a): a is BrokerAddress => a !== undefined),
});

function urlAddress(field: string, text: string): BrokerAddress | undefined {
  try {
    const url = new URL(text);
    const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
    return { field, host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  } catch {
    return undefined;
  }
}
