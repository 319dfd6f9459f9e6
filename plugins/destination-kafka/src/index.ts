import { kafkaDestination } from './kafkaDestination.js';

export default kafkaDestination;
export { kafkaDestination };
export {
  KafkaDestinationProducer,
  toDestinationError,
  type KafkaProducerOptions,
} from './KafkaDestinationProducer.js';
export {
  kafkaDestinationConfigSchema,
  kafkaDestinationCredentialsSchema,
  type KafkaDestinationConfig,
  type KafkaDestinationCredentials,
} from './kafkaDestinationSchemas.js';
