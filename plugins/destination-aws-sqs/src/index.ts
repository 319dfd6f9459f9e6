import { awsSqsDestination } from './awsSqsDestination.js';

export default awsSqsDestination;
export { awsSqsDestination };
export {
  FOLDED_ATTRIBUTE,
  MAX_SQS_ATTRIBUTES,
  SqsDestinationProducer,
  toMessageAttributes,
  type SqsProducerOptions,
} from './SqsDestinationProducer.js';
export {
  sqsDestinationConfigSchema,
  sqsDestinationCredentialsSchema,
  type SqsDestinationConfig,
  type SqsDestinationCredentials,
} from './sqsDestinationSchemas.js';
