export { runSourceConformance } from './runSourceConformance.js';
export type {
  ConformanceMessage,
  ConformanceStartFailure,
  SourceConformanceOptions,
} from './SourceConformanceOptions.js';
export {
  RecordingSink,
  type ConformanceAnswer,
  type RecordedDelivery,
  type RecordingSinkOptions,
} from './RecordingSink.js';
export { MemoryQueue, type MemoryLease, type MemoryQueueOptions } from './MemoryQueue.js';
export { openNetwork } from './openNetwork.js';
export { memoryQueueSource, type MemoryQueueConfig } from './memoryQueueSource.js';
