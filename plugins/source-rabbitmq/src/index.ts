import { rabbitMqSource } from './rabbitMqSource.js';

export default rabbitMqSource;
export { rabbitMqSource };
export {
  RabbitMqSourceConsumer,
  toSourceError,
  type RabbitMqConsumerOptions,
} from './RabbitMqSourceConsumer.js';
export {
  rabbitMqSourceConfigSchema,
  rabbitMqSourceCredentialsSchema,
  type RabbitMqSourceConfig,
  type RabbitMqSourceCredentials,
} from './rabbitMqSourceSchemas.js';
