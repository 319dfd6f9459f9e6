import type { Clock } from '../../domain/Clock.js';
import type { Logger } from '../../observability/index.js';
import type { Database } from '../../storage/index.js';
import type { LogTopic, SubscribeOptions, Subscription } from '../InternalLog.js';
import { OffsetCommitter } from '../OffsetCommitter.js';
import { PartitionFeed, unfinishedLimit } from '../PartitionFeed.js';
import { Wakeup } from '../Wakeup.js';
import { SqlConsumerGroup } from './SqlConsumerGroup.js';
import { fetchRecords, partitionHeads } from './sqlLogRecords.js';

export interface SqlSubscriptionDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  memberId: string;
  partitionCount: () => number;
  pollIntervalMs: number;
  leaseMs: number;
  fetchMaxRecords: number;
  /** Bytes of record values per fetch and per `onRecords` call (a larger record goes alone). */
  fetchMaxBytes: number;
  retryBackoffMs: number;
}

/**
 * One member of a SQL consumer group: renews leases and rebalances every leaseMs/3, polls owned
 * partitions (one cheap head query per round, record queries only where the head moved), and commits
 * done prefixes with fenced updates.
 */
export class SqlSubscription implements Subscription {
  private readonly group: SqlConsumerGroup;
  private readonly feeds = new Map<number, PartitionFeed>();
  private readonly positions = new Map<number, bigint>();
  private readonly committer: OffsetCommitter;
  private readonly maxUnfinished: number;
  private readonly renewal = new Wakeup();
  private readonly poll = new Wakeup();
  private leaseUntil = 0;
  private held: boolean;
  private stopping = false;
  private loops: Promise<void>[] = [];
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly deps: SqlSubscriptionDeps,
    private readonly options: SubscribeOptions,
  ) {
    this.maxUnfinished = unfinishedLimit(options);
    this.held = options.paused ?? false;
    this.group = new SqlConsumerGroup({
      db: deps.db,
      clock: deps.clock,
      groupId: options.groupId,
      topic: options.topic,
      memberId: deps.memberId,
      leaseMs: deps.leaseMs,
    });
    this.committer = new OffsetCommitter(
      () => this.feeds.values(),
      async (commits) => {
        for (const { partition, offset } of commits) {
          if (!(await this.group.commit(partition, offset))) this.drop(partition);
        }
      },
      deps.logger,
    );
  }

  get topic(): LogTopic {
    return this.options.topic;
  }

  /** Joins the group and takes a first share of partitions, then starts polling. */
  async start(): Promise<void> {
    await this.rebalance();
    this.loops = [this.renewLoop(), this.fetchLoop()];
  }

  /** Polls at once instead of at the end of the interval: this process just appended to the topic. */
  notifyAppended(): void {
    this.poll.wake();
  }

  assignedPartitions(): readonly number[] {
    return [...this.feeds.keys()].sort((a, b) => a - b);
  }

  pause(): void {
    if (this.held || this.stopping) return;
    this.held = true;
    for (const feed of this.feeds.values()) feed.hold(true);
  }

  resume(): void {
    if (!this.held || this.stopping) return;
    this.held = false;
    for (const feed of this.feeds.values()) feed.hold(false);
    this.poll.wake();
  }

  stop(options: { graceMs?: number } = {}): Promise<void> {
    this.stopped ??= this.shutdown(options.graceMs ?? 10_000);
    return this.stopped;
  }

  private async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    this.renewal.wake();
    this.poll.wake();
    for (const feed of this.feeds.values()) feed.stop();
    await Promise.all(this.loops);
    await this.committer.drain(graceMs);
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
    try {
      await this.group.leave();
    } catch (error) {
      this.deps.logger.warn(
        { err: error, groupId: this.options.groupId },
        'leaving the SQL log group failed',
      );
    }
  }

  private async renewLoop(): Promise<void> {
    while (!this.stopping) {
      await this.renewal.wait(Math.max(1, Math.floor(this.deps.leaseMs / 3)));
      if (this.stopping) return;
      try {
        await this.rebalance();
      } catch (error) {
        this.deps.logger.warn(
          { err: error, groupId: this.options.groupId },
          'renewing SQL log leases failed',
        );
      }
    }
  }

  private async rebalance(): Promise<void> {
    const changes = await this.group.rebalance(new Set(this.feeds.keys()), this.deps.partitionCount());
    if (this.stopping) return;
    this.leaseUntil = changes.leaseUntil;
    for (const partition of changes.lost) this.drop(partition);
    for (const [partition, committed] of changes.acquired) this.adopt(partition, committed);
    if (changes.surplus.length > 0) {
      const surplus = changes.surplus.flatMap((p) => this.feeds.get(p) ?? []);
      for (const feed of surplus) feed.stop();
      await this.committer.flush();
      for (const feed of surplus) this.drop(feed.partition);
      await this.group.release(changes.surplus);
    }
    this.poll.wake();
  }

  private adopt(partition: number, committed: bigint): void {
    const feed = new PartitionFeed({
      topic: this.options.topic,
      partition,
      onRecords: (records) => this.options.onRecords(records),
      maxUnfinished: this.maxUnfinished,
      maxDeliveryBatch: this.deps.fetchMaxRecords,
      maxDeliveryBytes: this.deps.fetchMaxBytes,
      retryBackoffMs: this.deps.retryBackoffMs,
      onProgress: () => this.committer.request(),
      onResume: () => this.poll.wake(),
      logger: this.deps.logger,
      committed,
    });
    feed.hold(this.held);
    this.feeds.set(partition, feed);
    this.positions.set(partition, committed);
  }

  private drop(partition: number): void {
    this.feeds.get(partition)?.close();
    this.feeds.delete(partition);
    this.positions.delete(partition);
  }

  private async fetchLoop(): Promise<void> {
    while (!this.stopping) {
      let fetched = false;
      try {
        fetched = await this.fetchRound();
      } catch (error) {
        this.deps.logger.warn({ err: error, topic: this.options.topic }, 'polling the SQL log failed');
      }
      if (!fetched && !this.stopping) await this.poll.wait(this.deps.pollIntervalMs);
    }
  }

  /** Fetches for every owned partition with room whose head moved; true when anything was fetched. */
  private async fetchRound(): Promise<boolean> {
    // A member whose leases ran out (database unreachable, process stalled) stops delivering: another
    // member may own its partitions by now.
    if (this.feeds.size === 0 || this.held || this.deps.clock.now() >= this.leaseUntil) return false;
    const heads = await partitionHeads(this.deps.db, this.options.topic);
    let fetched = false;
    for (const [partition, feed] of this.feeds) {
      const room = feed.room();
      const from = this.positions.get(partition);
      if (room === 0 || from === undefined || (heads.get(partition) ?? 0n) <= from) continue;
      const limit = Math.min(room, this.deps.fetchMaxRecords);
      const records = await fetchRecords(this.deps.db, this.options.topic, partition, from, {
        limit,
        maxBytes: this.deps.fetchMaxBytes,
      });
      if (this.stopping || this.feeds.get(partition) !== feed || records.length === 0) continue;
      feed.push(records);
      this.positions.set(partition, records[records.length - 1]!.offset + 1n);
      fetched = true;
    }
    return fetched;
  }
}
