import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../observability/index.js';
import type { LogTopic, SubscribeOptions, Subscription } from '../InternalLog.js';
import { OffsetCommitter } from '../OffsetCommitter.js';
import { PartitionFeed, unfinishedLimit, type FetchedRecord } from '../PartitionFeed.js';

export interface KafkaSubscriptionDeps {
  consumer: Consumer;
  /** Kafka topic name (`<prefix><topic>`). */
  topicName: string;
  logger: Logger;
  maxDeliveryBatch: number;
  retryBackoffMs: number;
}

/**
 * One kafkajs consumer in a group. `eachBatch` never waits for the subscriber: it moves records into
 * the partition's feed and returns, so a slow partition holds up neither kafkajs's fetch loop (which
 * waits for every batch of a fetch before the next one) nor other partitions. A feed that is full
 * pauses its partition; records beyond the room left are not resolved, so kafkajs fetches them again
 * after the resume. Offsets are committed by hand (`autoCommit: false`), only up to the oldest
 * unfinished record.
 */
export class KafkaSubscription implements Subscription {
  private readonly feeds = new Map<number, PartitionFeed>();
  private readonly committer: OffsetCommitter;
  private readonly maxUnfinished: number;
  private readonly listeners: (() => void)[] = [];
  private held: boolean;
  private stopping = false;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly deps: KafkaSubscriptionDeps,
    private readonly options: SubscribeOptions,
  ) {
    this.maxUnfinished = unfinishedLimit(options);
    this.held = options.paused ?? false;
    this.committer = new OffsetCommitter(
      () => this.feeds.values(),
      (commits) =>
        deps.consumer.commitOffsets(
          commits.map((c) => ({
            topic: deps.topicName,
            partition: c.partition,
            offset: c.offset.toString(),
          })),
        ),
      deps.logger,
    );
  }

  get topic(): LogTopic {
    return this.options.topic;
  }

  /** Joins the group; resolves once the first assignment is known. */
  async start(): Promise<void> {
    const { consumer, topicName } = this.deps;
    this.listeners.push(
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        // kafkajs calls listeners inside its join: a throw here would fail the join itself.
        try {
          this.assign(payload.memberAssignment[topicName] ?? []);
        } catch (error) {
          this.deps.logger.error(
            { err: error, groupId: this.options.groupId },
            'adopting a new assignment failed',
          );
        }
      }),
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        this.deps.logger.error(
          { err: payload.error, groupId: this.options.groupId, restart: payload.restart },
          'internal log consumer crashed',
        );
        // Without a restart nothing is consumed any more: show it as owning no partitions.
        if (!payload.restart) this.assign([]);
      }),
    );
    await consumer.connect();
    // A group without committed offsets starts at the beginning: records appended before the first
    // router or dispatcher ever ran must still be processed.
    await consumer.subscribe({ topics: [topicName], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => Promise.resolve(this.onBatch(payload)),
    });
  }

  assignedPartitions(): readonly number[] {
    return [...this.feeds.keys()].sort((a, b) => a - b);
  }

  pause(): void {
    if (this.held || this.stopping) return;
    this.held = true;
    for (const feed of this.feeds.values()) feed.hold(true);
    this.setFetching([...this.feeds.keys()], false);
  }

  resume(): void {
    if (!this.held || this.stopping) return;
    this.held = false;
    for (const feed of this.feeds.values()) feed.hold(false);
    this.setFetching(
      [...this.feeds].filter(([, feed]) => !feed.isPaused()).map(([partition]) => partition),
      true,
    );
  }

  stop(options: { graceMs?: number } = {}): Promise<void> {
    this.stopped ??= this.shutdown(options.graceMs ?? 10_000);
    return this.stopped;
  }

  private async shutdown(graceMs: number): Promise<void> {
    const { consumer, topicName, logger } = this.deps;
    this.stopping = true;
    try {
      consumer.pause([{ topic: topicName }]);
    } catch (error) {
      logger.debug({ err: error }, 'pausing a consumer that is not running');
    }
    for (const feed of this.feeds.values()) feed.stop();
    // kafkajs drops commits once the consumer stopped running, so commit before disconnecting.
    await this.committer.drain(graceMs);
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
    for (const remove of this.listeners.splice(0)) remove();
    await consumer.disconnect();
  }

  /**
   * A (re)join finished. kafkajs restarts every assigned partition from its committed offset after a
   * rebalance. A partition this member keeps keeps its feed, so records in hand are not handed out twice
   * (the feed ignores offsets it has seen), and seeks to just after what it fetched so they are not
   * fetched twice either. Partitions it lost are dropped: their unfinished records go to the new owner
   * (at least once).
   */
  private assign(assigned: readonly number[]): void {
    const { consumer, topicName } = this.deps;
    const next = new Set(assigned);
    for (const [partition, feed] of this.feeds) {
      if (next.has(partition)) continue;
      feed.close();
      this.feeds.delete(partition);
    }
    if (this.stopping) return;
    for (const partition of next) {
      const feed = this.feeds.get(partition);
      if (!feed) {
        const fresh = this.newFeed(partition);
        fresh.hold(this.held);
        this.feeds.set(partition, fresh);
        continue;
      }
      const offset = feed.nextFetchOffset();
      if (offset !== undefined) consumer.seek({ topic: topicName, partition, offset: offset.toString() });
    }
    // Pauses survive a rebalance in kafkajs but not a consumer restart after a crash: set them afresh.
    // While the subscription is paused, every partition is, the new ones included.
    const fetching = (p: number) => !this.held && !this.feeds.get(p)?.isPaused();
    const paused = [...next].filter((p) => !fetching(p));
    const running = [...next].filter(fetching);
    if (paused.length > 0) consumer.pause([{ topic: topicName, partitions: paused }]);
    if (running.length > 0) consumer.resume([{ topic: topicName, partitions: running }]);
  }

  /**
   * Pauses or resumes fetching of partitions. Always by partition: kafkajs forgets partition pauses
   * when a whole topic is paused or resumed, and forgets a whole-topic pause when one partition is.
   */
  private setFetching(partitions: readonly number[], fetching: boolean): void {
    if (partitions.length === 0) return;
    const { consumer, topicName, logger } = this.deps;
    try {
      if (fetching) consumer.resume([{ topic: topicName, partitions: [...partitions] }]);
      else consumer.pause([{ topic: topicName, partitions: [...partitions] }]);
    } catch (error) {
      // Only a consumer that is not running refuses; a later join sets pauses afresh in assign().
      logger.debug({ err: error }, 'pausing or resuming partitions of a consumer that is not running');
    }
  }

  private newFeed(partition: number): PartitionFeed {
    return new PartitionFeed({
      topic: this.options.topic,
      partition,
      onRecords: (records) => this.options.onRecords(records),
      maxUnfinished: this.maxUnfinished,
      maxDeliveryBatch: this.deps.maxDeliveryBatch,
      retryBackoffMs: this.deps.retryBackoffMs,
      onProgress: () => this.committer.request(),
      onResume: () => {
        if (this.stopping || this.held || this.feeds.get(partition) === undefined) return;
        this.deps.consumer.resume([{ topic: this.deps.topicName, partitions: [partition] }]);
      },
      logger: this.deps.logger,
    });
  }

  private onBatch(payload: EachBatchPayload): void {
    const { batch } = payload;
    const feed = this.feeds.get(batch.partition);
    if (!feed || this.stopping) return;
    const taken = batch.messages.slice(0, feed.room());
    const last = taken[taken.length - 1];
    if (last) {
      feed.push(taken.map(toFetchedRecord));
      payload.resolveOffset(last.offset);
    }
    if (feed.room() === 0) payload.pause();
  }
}

function toFetchedRecord(message: KafkaMessage): FetchedRecord {
  return {
    offset: BigInt(message.offset),
    key: message.key?.toString('utf8') ?? '',
    // kafkajs hands out a slice of the whole fetch response: one record kept in hand (a dispatcher may
    // hold thousands, for minutes) would keep every byte of that response alive. A copy keeps its own.
    value: message.value ? Buffer.from(message.value) : Buffer.alloc(0),
    headers: headersOf(message.headers),
    timestamp: Number(message.timestamp),
  };
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[name] = first.toString();
  }
  return result;
}
