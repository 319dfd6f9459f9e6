import { SOURCE_API_VERSION, defineSourcePlugin } from '@caravan/source-api';
import { RabbitMqSourceConsumer } from './RabbitMqSourceConsumer.js';
import {
  rabbitMqSourceConfigSchema,
  rabbitMqSourceCredentialsSchema,
  type RabbitMqSourceConfig,
  type RabbitMqSourceCredentials,
} from './rabbitMqSourceSchemas.js';

/** RabbitMQ: consumes a queue with manual acknowledgements. */
export const rabbitMqSource = defineSourcePlugin<RabbitMqSourceConfig, RabbitMqSourceCredentials>({
  id: 'rabbitmq',
  apiVersion: SOURCE_API_VERSION,
  displayName: 'RabbitMQ',
  configSchema: rabbitMqSourceConfigSchema,
  credentialsSchema: rabbitMqSourceCredentialsSchema,
  create: ({ config, credentials, workers, logger }) =>
    new RabbitMqSourceConsumer({
      url: config.url,
      queue: config.queue,
      credentials,
      tls: { rejectUnauthorized: config.rejectUnauthorized ?? true, ...(config.ca ? { ca: config.ca } : {}) },
      workers,
      maxBatchSize: config.maxBatchSize ?? 50,
      maxBatchWaitMs: config.maxBatchWaitMs ?? 20,
      retryBackoffMs: 1000,
      logger,
    }),
  brokerAddresses: (config) => {
    try {
      const url = new URL(config.url);
      const port = url.port ? Number(url.port) : url.protocol === 'amqps:' ? 5671 : 5672;
      return [{ field: '/url', host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port }];
    } catch {
      return [];
    }
  },
});
