import { rabbitMqDestination } from './rabbitMqDestination.js';

export default rabbitMqDestination;
export { rabbitMqDestination };
export { RabbitMqDestinationProducer, type RabbitMqProducerOptions } from './RabbitMqDestinationProducer.js';
export {
  rabbitMqDestinationConfigSchema,
  rabbitMqDestinationCredentialsSchema,
  type RabbitMqDestinationConfig,
  type RabbitMqDestinationCredentials,
} from './rabbitMqDestinationSchemas.js';
