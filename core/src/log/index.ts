export type {
  AppendRecord,
  InternalLog,
  LogPartitions,
  LogRecord,
  LogTopic,
  SubscribeOptions,
  Subscription,
} from './InternalLog.js';
export { LOG_TOPICS, partitionCounts } from './InternalLog.js';
export type { AppendBatchingOptions } from './AppendBatcher.js';
export { createInternalLog, type InternalLogDeps } from './createInternalLog.js';
export { KafkaInternalLog, type KafkaInternalLogOptions } from './kafka/KafkaInternalLog.js';
export { SqlInternalLog, type SqlInternalLogOptions } from './sql/SqlInternalLog.js';
export { tenantShardKey } from './tenantShardKey.js';
