import type { Logger } from '../observability/index.js';
import type { LogRecord, LogTopic, SubscribeOptions } from './InternalLog.js';

/** A record as an adapter fetched it, before it is handed to a subscriber. */
export interface FetchedRecord {
  offset: bigint;
  key: string;
  value: Buffer;
  headers: Readonly<Record<string, string>>;
  timestamp: number;
}

interface Entry {
  offset: bigint;
  done: boolean;
  /** Fetched but dropped undelivered by `stop()`: no longer counted as unfinished. */
  dropped: boolean;
}

/** The validated `maxUnfinishedPerPartition` of a subscription (default 1000). */
export function unfinishedLimit(options: SubscribeOptions): number {
  const limit = options.maxUnfinishedPerPartition ?? 1000;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`maxUnfinishedPerPartition must be a positive integer, got ${limit}`);
  }
  return limit;
}

export interface PartitionFeedOptions {
  topic: LogTopic;
  partition: number;
  onRecords: SubscribeOptions['onRecords'];
  maxUnfinished: number;
  /** Records per `onRecords` call. */
  maxDeliveryBatch: number;
  /** Bytes of record values per `onRecords` call (a larger record goes alone). Default: no bound. */
  maxDeliveryBytes?: number;
  /**
   * Records fetched but not handed over yet, at most (default: two `onRecords` calls' worth). A
   * subscriber that takes its records slowly (a dispatcher waiting for room in its budget) then holds
   * the partition's fetching instead of letting fetched records pile up in memory, out of its account.
   */
  maxWaiting?: number;
  /**
   * Bytes of record values fetched but not handed over yet past which fetching stops (default: twice
   * `maxDeliveryBytes`, or 1 MiB without it); one fetch may go beyond it.
   */
  maxWaitingBytes?: number;
  /** First back-off after `onRecords` failed; doubles up to 30 s. */
  retryBackoffMs: number;
  /** The commit point moved forward. */
  onProgress(): void;
  /** A paused feed has room again: fetching may resume. */
  onResume(): void;
  logger: Logger;
  /** Offset already committed for the group, when the adapter knows it. */
  committed?: bigint;
}

/**
 * One owned partition of one subscription: queues fetched records, hands them to `onRecords` one call
 * at a time, and tracks which are done in any order. The commit point is the oldest record not done
 * (or the one after the last fetched when all are done), so finishing a later record never commits an
 * earlier unfinished one, and an unfinished record never blocks delivery of later ones.
 */
export class PartitionFeed {
  readonly topic: LogTopic;
  readonly partition: number;
  private readonly entries: Entry[] = [];
  private head = 0;
  private queue: { entry: Entry; record: LogRecord }[] = [];
  private lastFetched: bigint | undefined;
  private committed: bigint | undefined;
  private unfinished = 0;
  private paused = false;
  /**
   * The pause began at `maxUnfinished`: only then does resuming wait for half of the records handed
   * over to be done. A pause for records waiting to be handed over ends once they are handed over,
   * however many are unfinished (a subscriber may hold thousands for a slow receiver).
   */
  private pausedUnfinished = false;
  /** The subscription is paused: no fetching and no `onRecords` call until released. */
  private held = false;
  private delivering = false;
  private stopped = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  private wakeBackoff: (() => void) | undefined;
  private readonly maxWaiting: number;
  private readonly maxWaitingBytes: number;
  /** Bytes of the record values in `queue`. */
  private queuedBytes = 0;

  constructor(private readonly options: PartitionFeedOptions) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.committed = options.committed;
    this.maxWaiting = options.maxWaiting ?? 2 * options.maxDeliveryBatch;
    this.maxWaitingBytes =
      options.maxWaitingBytes ??
      (options.maxDeliveryBytes === undefined ? 1024 * 1024 : 2 * options.maxDeliveryBytes);
  }

  /** How many more records may be fetched now; 0 while paused or held. */
  room(): number {
    if (this.paused || this.held || this.stopped || this.closed) return 0;
    if (this.queuedBytes >= this.maxWaitingBytes) return 0;
    return Math.max(
      0,
      Math.min(this.options.maxUnfinished - this.unfinished, this.maxWaiting - this.queue.length),
    );
  }

  /**
   * Paused because too many records are unfinished, or fetched and waiting to be handed over (records
   * or bytes; not counting `hold`). It resumes once what waits is down to half its bounds and, when the
   * unfinished records paused it, once they are down to half theirs.
   */
  isPaused(): boolean {
    return this.paused;
  }

  /**
   * Holds the feed (`true`): it takes nothing more to fetch and starts no `onRecords` call, while records
   * already handed over may still be marked done. Releasing it (`false`) hands over what waits.
   */
  hold(held: boolean): void {
    if (this.held === held) return;
    this.held = held;
    if (!held && this.queue.length > 0) void this.pump();
  }

  /** Offset after the last fetched record, if any was fetched. */
  nextFetchOffset(): bigint | undefined {
    return this.lastFetched === undefined ? undefined : this.lastFetched + 1n;
  }

  /** Adds fetched records (in offset order; records at or below the last fetched one are ignored). */
  push(records: readonly FetchedRecord[]): void {
    if (this.closed || this.stopped) return;
    for (const fetched of records) {
      if (this.lastFetched !== undefined && fetched.offset <= this.lastFetched) continue;
      // Kafka does not say where fetching started; it is the committed offset (or the log's start).
      this.committed ??= fetched.offset;
      const entry: Entry = { offset: fetched.offset, done: false, dropped: false };
      this.entries.push(entry);
      this.queue.push({ entry, record: this.toLogRecord(fetched, entry) });
      this.queuedBytes += fetched.value.length;
      this.lastFetched = fetched.offset;
      this.unfinished++;
    }
    if (this.unfinished >= this.options.maxUnfinished) this.pausedUnfinished = true;
    if (
      this.pausedUnfinished ||
      this.queue.length >= this.maxWaiting ||
      this.queuedBytes >= this.maxWaitingBytes
    ) {
      this.paused = true;
    }
    void this.pump();
  }

  /** Offset to commit (the next record the group should get) when it moved past the committed one. */
  pendingCommit(): bigint | undefined {
    const point = this.commitPoint();
    return point !== undefined && (this.committed === undefined || point > this.committed)
      ? point
      : undefined;
  }

  markCommitted(offset: bigint): void {
    if (this.committed === undefined || offset > this.committed) this.committed = offset;
  }

  /** Delivers nothing more; records fetched but not delivered stay uncommitted and come again later. */
  stop(): void {
    this.stopped = true;
    for (const { entry } of this.queue) entry.dropped = true;
    this.unfinished -= this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    this.wakeBackoff?.();
    this.notifyIdle();
  }

  /** The partition is gone: `done()` of its records does nothing from now on. */
  close(): void {
    this.stop();
    this.closed = true;
  }

  /** Resolves once every delivered record is done and no `onRecords` call is running. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.closed || (!this.delivering && this.unfinished === this.queue.length);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private commitPoint(): bigint | undefined {
    const oldest = this.entries[this.head];
    if (oldest) return oldest.offset;
    return this.lastFetched === undefined ? this.committed : this.lastFetched + 1n;
  }

  private markDone(entry: Entry): void {
    if (this.closed || entry.done) return;
    entry.done = true;
    if (!entry.dropped) this.unfinished--;
    let advanced = false;
    while (this.entries[this.head]?.done) {
      this.head++;
      advanced = true;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
    if (advanced) this.options.onProgress();
    this.resumeIfRoom();
    this.notifyIdle();
  }

  private resumeIfRoom(): void {
    if (
      this.paused &&
      (!this.pausedUnfinished || this.unfinished <= Math.floor(this.options.maxUnfinished / 2)) &&
      this.queue.length <= Math.floor(this.maxWaiting / 2) &&
      this.queuedBytes <= this.maxWaitingBytes / 2
    ) {
      this.paused = false;
      this.pausedUnfinished = false;
      this.options.onResume();
    }
  }

  /** How many queued records the next `onRecords` call takes: at least one, within both bounds. */
  private nextBatchLength(): number {
    const maxBytes = this.options.maxDeliveryBytes ?? Infinity;
    let bytes = 0;
    let n = 0;
    for (const { record } of this.queue) {
      if (n >= this.options.maxDeliveryBatch) break;
      bytes += record.value.length;
      if (n > 0 && bytes > maxBytes) break;
      n++;
    }
    return n;
  }

  private async pump(): Promise<void> {
    if (this.delivering || this.held) return;
    this.delivering = true;
    let backoff = this.options.retryBackoffMs;
    try {
      while (this.queue.length > 0 && !this.stopped && !this.held) {
        const batch = this.queue.splice(0, this.nextBatchLength());
        for (const { record } of batch) this.queuedBytes -= record.value.length;
        this.resumeIfRoom();
        try {
          await this.options.onRecords(batch.map((b) => b.record));
          backoff = this.options.retryBackoffMs;
        } catch (error) {
          this.options.logger.error(
            { err: error, topic: this.topic, partition: this.partition },
            'onRecords failed; its records not done yet are delivered again',
          );
          if (this.stopped) break;
          const again = batch.filter((b) => !b.entry.done);
          for (const { record } of again) this.queuedBytes += record.value.length;
          this.queue.unshift(...again);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, backoff);
            this.wakeBackoff = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wakeBackoff = undefined;
          backoff = Math.min(backoff * 2, 30_000);
        }
      }
    } finally {
      this.delivering = false;
      this.notifyIdle();
    }
  }

  private toLogRecord(fetched: FetchedRecord, entry: Entry): LogRecord {
    return {
      topic: this.topic,
      partition: this.partition,
      offset: fetched.offset.toString(),
      key: fetched.key,
      value: fetched.value,
      headers: fetched.headers,
      timestamp: fetched.timestamp,
      done: () => this.markDone(entry),
    };
  }
}
