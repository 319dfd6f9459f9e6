export { DestinationSender, toSendResult, type DestinationSenderOptions } from './DestinationSender.js';
export { ProducerPool, type ProducerPoolOptions } from './ProducerPool.js';
export { destinationUrl } from './destinationUrl.js';
