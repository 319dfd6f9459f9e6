import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { pino } from 'pino';
import { systemClock, type Clock } from '../../domain/Clock.js';
import { LogUnavailableError } from '../../errors/index.js';
import type { Logger } from '../../observability/index.js';
import { isMysql, type Database } from '../../storage/index.js';
import { AppendBatcher, type AppendBatchingOptions } from '../AppendBatcher.js';
import {
  LOG_TOPICS,
  partitionCounts,
  type AppendRecord,
  type InternalLog,
  type LogPartitions,
  type LogTopic,
  type SubscribeOptions,
  type Subscription,
} from '../InternalLog.js';
import { partitionForKey } from './partitionForKey.js';
import { appendRecords, ensurePartitions } from './sqlLogRecords.js';
import { isStorageFailure } from './storageFailure.js';
import { SubscriptionSet } from '../SubscriptionSet.js';
import { SqlLogRetention } from './SqlLogRetention.js';
import { SqlSubscription } from './SqlSubscription.js';

export interface SqlInternalLogOptions extends AppendBatchingOptions {
  /** The database holding `log_partitions`, `log_records` and `log_offsets` (migrated). */
  db: Database;
  clock?: Clock;
  /**
   * Partitions per topic when the log is created (overflow topics: their main topic's count unless
   * given); an existing log keeps any larger count. Default 8.
   */
  partitions?: LogPartitions;
  /** Sleep between polls when there is nothing new. Default 100 ms. */
  pollIntervalMs?: number;
  /** A consumer's partitions move to other group members this long after it stopped renewing. Default 10 s. */
  leaseMs?: number;
  /** Names this process in lease rows; each subscription adds a random suffix. Default `host:pid`. */
  consumerId?: string;
  /** Records per fetch and per `onRecords` call. Default 200. */
  fetchMaxRecords?: number;
  /**
   * Bytes of record values per fetch and per `onRecords` call; a larger record goes alone. Default
   * 1 MiB: on SQLite a fetch is synchronous, and 200 records near the 1 MiB payload limit held the event
   * loop that answers every tenant for a second.
   */
  fetchMaxBytes?: number;
  /** First back-off after `onRecords` failed. Default 500 ms. */
  retryBackoffMs?: number;
  /**
   * Records every group committed past are deleted once they are this old (see `SqlLogRetention`).
   * Default 1 h.
   */
  retentionMs?: number;
  /** Pause between two retention sweeps. Default 60 s. */
  retentionIntervalMs?: number;
  logger?: Logger;
}

/**
 * The internal log as tables of Caravan's own database (SQLite or MySQL/MariaDB): for `caravan dev` and
 * small installs. Partitions are assigned by a hash of the key (see `partitionForKey`); appends are
 * transactions; consumer groups share partitions through leases in `log_offsets` (see
 * `SqlConsumerGroup`). Several processes may append and consume on the same database.
 */
export class SqlInternalLog implements InternalLog {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly batcher: AppendBatcher;
  private readonly subscriptions = new SubscriptionSet<SqlSubscription>();
  private readonly partitionCounts: Record<LogTopic, number>;
  private readonly retention: SqlLogRetention;
  private initialized: Promise<void> | undefined;

  constructor(private readonly options: SqlInternalLogOptions) {
    this.db = options.db;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.partitionCounts = partitionCounts(options.partitions ?? { events: 8, deliveries: 8 });
    this.retention = new SqlLogRetention({
      db: this.db,
      clock: this.clock,
      logger: this.logger,
      retentionMs: options.retentionMs ?? 3_600_000,
      intervalMs: options.retentionIntervalMs ?? 60_000,
      batchRows: 500,
    });
    // Lanes split by partition: concurrent appends never wait for each other's partition locks. SQLite
    // has one writer, so more lanes would only queue behind it.
    this.batcher = new AppendBatcher(
      (topic, records) => this.write(topic, records),
      { ...options, inFlightWrites: options.inFlightWrites ?? (isMysql(this.db) ? 3 : 1) },
      (topic, key, lanes) => partitionForKey(key, this.partitionCounts[topic]) % lanes,
    );
  }

  init(): Promise<void> {
    this.initialized ??= (async () => {
      for (const topic of LOG_TOPICS) {
        this.partitionCounts[topic] = await ensurePartitions(this.db, topic, this.partitionCounts[topic]);
      }
      this.retention.start();
    })().catch((error: unknown) => {
      this.initialized = undefined;
      throw new LogUnavailableError('The SQL internal log could not be prepared.', { cause: error });
    });
    return this.initialized;
  }

  async append(topic: LogTopic, records: readonly AppendRecord[]): Promise<void> {
    await this.init();
    await this.batcher.append(topic, records);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.subscriptions.assertOpen();
    await this.init();
    const consumerId = this.options.consumerId ?? `${hostname()}:${process.pid}`;
    const subscription = new SqlSubscription(
      {
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        memberId: `${consumerId}/${randomBytes(6).toString('hex')}`,
        partitionCount: () => this.partitionCounts[options.topic],
        pollIntervalMs: this.options.pollIntervalMs ?? 100,
        leaseMs: this.options.leaseMs ?? 10_000,
        fetchMaxRecords: this.options.fetchMaxRecords ?? 200,
        fetchMaxBytes: this.options.fetchMaxBytes ?? 1024 * 1024,
        retryBackoffMs: this.options.retryBackoffMs ?? 500,
      },
      options,
    );
    return this.subscriptions.start(subscription, 'The SQL internal log could not join the consumer group.');
  }

  async close(options: { graceMs?: number } = {}): Promise<void> {
    await this.subscriptions.close(options);
    await this.batcher.close();
    await this.retention.stop();
  }

  private async write(topic: LogTopic, records: readonly AppendRecord[]): Promise<void> {
    try {
      await appendRecords(this.db, topic, this.partitionCounts[topic], records, this.clock.now());
    } catch (error) {
      if (isStorageFailure(error)) {
        // Nothing was acknowledged; the producer is told to retry. The operator must make room.
        this.logger.error(
          { err: error, topic },
          'the SQL internal log cannot write: its disk is full or failing',
        );
        throw new LogUnavailableError(
          'The SQL internal log could not append records: the database storage is full or failing.',
          { cause: error },
        );
      }
      throw new LogUnavailableError('The SQL internal log could not append records.', { cause: error });
    }
    for (const subscription of this.subscriptions.values()) {
      if (subscription.topic === topic) subscription.notifyAppended();
    }
  }
}
