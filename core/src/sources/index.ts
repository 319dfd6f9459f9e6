export {
  toIngestItem,
  CONVOY_MESSAGE_TYPE,
  type Conversion,
  type ConversionMessage,
  type ConversionSource,
  type RejectionReason,
} from './toIngestItem.js';
export { brokerIdempotencyKey } from './messageHeaders.js';
export { createSourceRunner, type SourceRunner, type SourceRunnerDeps } from './SourceRunner.js';
export { deliverMessages, type DeliverDeps } from './deliverMessages.js';
export { createHostAllowlist, type HostAllowlist } from './hostAllowlist.js';
export {
  SourceAddressGuard,
  SOURCE_ADDRESS_REFUSED,
  type SourceAddressGuardOptions,
} from './SourceAddressGuard.js';
