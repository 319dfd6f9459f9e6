import { awsSqsSource } from './awsSqsSource.js';

export default awsSqsSource;
export { awsSqsSource };
export { SqsSourceConsumer, type SqsConsumerOptions } from './SqsSourceConsumer.js';
export { toSourceError } from './toSourceError.js';
export { sqsConfigSchema, sqsCredentialsSchema, type SqsConfig, type SqsCredentials } from './sqsSchemas.js';
