export { runDestinationConformance } from './runDestinationConformance.js';
export type {
  DestinationConformanceOptions,
  HostPort,
  ReceivedMessage,
} from './DestinationConformanceOptions.js';
export { OutageProxy } from './OutageProxy.js';
export { MemoryTopic, memoryTopicDestination, type MemoryTopicConfig } from './memoryTopicDestination.js';
