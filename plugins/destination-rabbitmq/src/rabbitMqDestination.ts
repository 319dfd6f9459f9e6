import {
  DESTINATION_API_VERSION,
  defineDestinationPlugin,
  urlAddress,
  type BrokerAddress,
} from '@caravan/destination-api';
import { RabbitMqDestinationProducer } from './RabbitMqDestinationProducer.js';
import {
  rabbitMqDestinationConfigSchema,
  rabbitMqDestinationCredentialsSchema,
  type RabbitMqDestinationConfig,
  type RabbitMqDestinationCredentials,
} from './rabbitMqDestinationSchemas.js';

/** RabbitMQ: each delivery a persistent message, confirmed by the broker. */
export const rabbitMqDestination = defineDestinationPlugin<
  RabbitMqDestinationConfig,
  RabbitMqDestinationCredentials
>({
  id: 'rabbitmq',
  apiVersion: DESTINATION_API_VERSION,
  displayName: 'RabbitMQ',
  configSchema: rabbitMqDestinationConfigSchema,
  credentialsSchema: rabbitMqDestinationCredentialsSchema,
  maxBatchSize: 100,
  create: ({ config, credentials, logger }) =>
    new RabbitMqDestinationProducer({
      url: config.url,
      exchange: config.exchange ?? '',
      routingKey: config.routingKey,
      mandatory: config.mandatory ?? true,
      credentials,
      tls: { rejectUnauthorized: config.rejectUnauthorized ?? true, ...(config.ca ? { ca: config.ca } : {}) },
      logger,
    }),
  brokerAddresses: (config) =>
    [urlAddress('/url', config.url)].filter((a): a is BrokerAddress => a !== undefined),
});
