import { kafkaSource } from './kafkaSource.js';

export default kafkaSource;
export { kafkaSource };
export { KafkaSourceConsumer, type KafkaConsumerOptions } from './KafkaSourceConsumer.js';
export { toSourceError } from './toSourceError.js';
export {
  kafkaConfigSchema,
  kafkaCredentialsSchema,
  type KafkaConfig,
  type KafkaCredentials,
} from './kafkaSchemas.js';
