/**
 * The internal log: Caravan's durable, partitioned, replayable queue between ingest, the router and the
 * dispatcher. Two adapters implement it with the same guarantees: `KafkaInternalLog` (production) and
 * `SqlInternalLog` (a table in the database, for `caravan dev` and small installs).
 *
 * Delivery is **at least once**: a record is delivered again after a crash, a lost partition or a
 * stop before it was marked done. Consumers must be idempotent.
 */

/**
 * The topics:
 * - `events`: accepted events, keyed by tenant shard (`tenantShardKey`), read by the router;
 * - `deliveries`: routed deliveries, keyed by endpoint id, read by the dispatcher;
 * - `events-overflow` and `deliveries-overflow`: where the router and the dispatcher move a tenant's
 *   surplus aside while other tenants wait, with the keys of their main topic. Their consumers read
 *   them at a share, pausing and resuming their subscription (`Subscription.pause`) as room frees.
 */
export type LogTopic = 'events' | 'events-overflow' | 'deliveries' | 'deliveries-overflow';

export const LOG_TOPICS: readonly LogTopic[] = [
  'events',
  'events-overflow',
  'deliveries',
  'deliveries-overflow',
];

/**
 * Partitions per topic. An overflow topic has as many partitions as its main topic unless given, so a
 * key lands on the same partition number in both.
 */
export interface LogPartitions {
  readonly events: number;
  readonly deliveries: number;
  readonly 'events-overflow'?: number;
  readonly 'deliveries-overflow'?: number;
}

/** The partition count of every topic, overflow topics defaulting to their main topic's. */
export function partitionCounts(partitions: LogPartitions): Record<LogTopic, number> {
  return {
    events: partitions.events,
    'events-overflow': partitions['events-overflow'] ?? partitions.events,
    deliveries: partitions.deliveries,
    'deliveries-overflow': partitions['deliveries-overflow'] ?? partitions.deliveries,
  };
}

/** A record to append. Records with the same key go to the same partition, in append order. */
export interface AppendRecord {
  /** Partitioning key; at most 128 characters (`append` rejects longer keys with a `RangeError`). */
  key: string;
  value: Buffer;
  headers?: Readonly<Record<string, string>>;
}

/** A record handed to a subscriber. */
export interface LogRecord {
  readonly topic: LogTopic;
  readonly partition: number;
  /** Position in the partition, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** When the record was appended, epoch milliseconds. */
  readonly timestamp: number;
  /**
   * Marks the record finished. Records may be marked done in any order; the subscription commits, per
   * partition, everything below the oldest record not yet done, so a slow record holds back the commit
   * point but never the delivery of later records. Calling it twice, or after the partition was lost or
   * the subscription stopped, does nothing.
   */
  done(): void;
}

/** What a subscriber consumes and how much it may have in hand. */
export interface SubscribeOptions {
  /** Consumer group. Subscriptions with the same group share the partitions; each group sees every record. */
  groupId: string;
  topic: LogTopic;
  /**
   * Receives records of one partition, in offset order, never empty. Calls for one partition never
   * overlap: the next call waits until the returned promise settles, while other partitions carry on.
   * Returning does not finish the records; `done()` does, now or later. A router awaits its work and
   * marks every record done; a dispatcher schedules work and marks each record done when it finishes.
   *
   * If the call throws or rejects, the records it received that are not done yet are delivered again,
   * in order, after a back-off.
   */
  onRecords(records: readonly LogRecord[]): void | Promise<void>;
  /**
   * Records of one partition that may be fetched but not done before fetching from that partition
   * pauses; it resumes when half of them are done. Bounds memory. Default 1000.
   */
  maxUnfinishedPerPartition?: number;
  /** Starts paused (see `Subscription.pause`): nothing is fetched or handed over until `resume()`. */
  paused?: boolean;
}

/** A running subscription. */
export interface Subscription {
  /** Partitions this subscription currently owns, ascending. Changes when group members come and go. */
  assignedPartitions(): readonly number[];
  /**
   * Pauses consumption: from now on no `onRecords` call starts and nothing is fetched, for every
   * partition owned now or assigned later (after a rebalance, a newly assigned partition starts paused),
   * until `resume()`. A call already running finishes. Records already handed over stay valid: they
   * may still be marked done, and their offsets are still committed. Records fetched but not yet handed
   * over wait in memory. Group membership and partition ownership carry on as usual. Idempotent; does
   * nothing once the subscription stopped.
   *
   * Meant for reading at a share: a consumer of an overflow topic pauses while it has no room (credits,
   * slots) and resumes when room frees.
   */
  pause(): void;
  /** Ends a `pause()`: records waiting in memory are handed over and fetching restarts. Idempotent. */
  resume(): void;
  /**
   * Stops fetching, delivers nothing more, waits up to `graceMs` (default 10 000) for records already
   * delivered to be marked done, commits what is done and leaves the group. Records not done are
   * delivered again to the group's next owner of their partition. Idempotent.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** The port every producer and consumer of the internal log uses. */
export interface InternalLog {
  /**
   * Prepares the backing store: creates missing topics (Kafka) or partition rows (SQL) and never
   * removes partitions. Idempotent; `append` and `subscribe` call it when it was not called.
   * Rejects with `LogUnavailableError` when the backing store cannot be reached.
   */
  init(): Promise<void>;
  /**
   * Appends records to a topic. Resolves only once every record is durable (Kafka: acknowledged by all
   * in-sync replicas; SQL: committed). Concurrent calls are coalesced into few produce requests or
   * transactions, several of them in flight at once (a key's records always in one, in call order); each
   * caller still resolves only once its own records are durable. Rejects with the
   * retriable `LogUnavailableError` when they cannot be made durable; some of them may still have been
   * written, so a retry can duplicate records (at least once).
   */
  append(topic: LogTopic, records: readonly AppendRecord[]): Promise<void>;
  /** Joins a consumer group and starts delivering records to `onRecords`. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Rejects later appends, stops every subscription (with `graceMs` as in `Subscription.stop`), waits
   * for appends already accepted and releases connections. The database of `SqlInternalLog` is the
   * caller's and stays open.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}
