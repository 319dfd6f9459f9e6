import {
  DESTINATION_API_VERSION,
  defineDestinationPlugin,
  urlAddress,
  type BrokerAddress,
} from '@caravan/destination-api';
import { SqsDestinationProducer } from './SqsDestinationProducer.js';
import {
  sqsDestinationConfigSchema,
  sqsDestinationCredentialsSchema,
  type SqsDestinationConfig,
  type SqsDestinationCredentials,
} from './sqsDestinationSchemas.js';

/** Amazon SQS: each delivery a message; FIFO queues keep each endpoint's order. */
export const awsSqsDestination = defineDestinationPlugin<SqsDestinationConfig, SqsDestinationCredentials>({
  id: 'aws-sqs',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'Amazon SQS',
  configSchema: sqsDestinationConfigSchema,
  credentialsSchema: sqsDestinationCredentialsSchema,
  // SendMessageBatch takes 10 entries.
  maxBatchSize: 10,
  create: ({ config, credentials, logger }) =>
    new SqsDestinationProducer({
      queueUrl: config.queueUrl,
      region: config.region,
      endpoint: config.endpoint,
      credentials,
      logger,
    }),
  // The SDK sends to the queue URL's host (or to `endpoint` when given): both are tenant-chosen.
  brokerAddresses: (config) =>
    [urlAddress('/queueUrl', config.queueUrl), urlAddress('/endpoint', config.endpoint)].filter(
      (a): a is BrokerAddress => a !== undefined,
    ),
});
