import type { DeepReadonly, LogConfig } from '../config/index.js';
import type { Clock } from '../domain/Clock.js';
import type { Logger } from '../observability/index.js';
import type { Database } from '../storage/index.js';
import type { InternalLog } from './InternalLog.js';
import { KafkaInternalLog } from './kafka/KafkaInternalLog.js';
import { SqlInternalLog } from './sql/SqlInternalLog.js';

/** What the log adapters need besides their configuration. */
export interface InternalLogDeps {
  /** Caravan's database; the SQL log keeps its tables there. */
  db: Database;
  clock?: Clock;
  logger?: Logger;
  /** Names this process in SQL log leases; default `host:pid`. */
  consumerId?: string;
}

/** Builds the configured internal log: Kafka when `log.engine` is `kafka`, else tables in the database. */
export function createInternalLog(config: DeepReadonly<LogConfig>, deps: InternalLogDeps): InternalLog {
  const { db, clock, logger, consumerId } = deps;
  if (config.engine === 'kafka') {
    return new KafkaInternalLog({
      brokers: config.brokers,
      clientId: config.clientId,
      topicPrefix: config.topicPrefix,
      partitions: config.partitions,
      replicationFactor: config.replicationFactor,
      ...(logger ? { logger } : {}),
    });
  }
  return new SqlInternalLog({
    db,
    ...(config.retentionSeconds === undefined ? {} : { retentionMs: config.retentionSeconds * 1000 }),
    ...(clock ? { clock } : {}),
    ...(logger ? { logger } : {}),
    ...(consumerId ? { consumerId } : {}),
  });
}
