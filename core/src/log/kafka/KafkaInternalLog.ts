import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { pino } from 'pino';
import { LogUnavailableError } from '../../errors/index.js';
import type { Logger } from '../../observability/index.js';
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
import { ensureTopics, errorType } from './ensureTopics.js';
import { kafkaLogCreator } from './kafkaLogCreator.js';
import { SubscriptionSet } from '../SubscriptionSet.js';
import { KafkaSubscription } from './KafkaSubscription.js';

export interface KafkaInternalLogOptions extends AppendBatchingOptions {
  brokers: readonly string[];
  clientId: string;
  /** Topics are `<topicPrefix><topic>`: `<topicPrefix>events`, `<topicPrefix>events-overflow`, … */
  topicPrefix: string;
  /**
   * Partitions of each topic when `init()` creates it or finds fewer; an overflow topic gets its main
   * topic's count unless given.
   */
  partitions: LogPartitions;
  replicationFactor: number;
  logger?: Logger;
  /** Consumer group timing. Defaults: kafkajs's (session 30 s, rebalance 60 s, heartbeat 3 s); fetch wait 100 ms. */
  consumer?: {
    sessionTimeoutMs?: number;
    rebalanceTimeoutMs?: number;
    heartbeatIntervalMs?: number;
    /**
     * How long the broker holds a fetch that finds nothing new. A partition resumed while a fetch for the
     * consumer's other (empty) partitions is held waits for that fetch to return before its records are
     * fetched: with 1 s, a feed paused at its bound took one fetch (~1,000 records) a second, whatever
     * the machine could do. Default 100 ms: an idle consumer asks about ten times a second.
     */
    maxWaitTimeMs?: number;
    /**
     * Bytes one fetch takes from a partition (default 256 KiB, about one produced batch of 500 records)
     * and from all partitions (default 2 MiB). kafkajs's own defaults (1 MiB and 10 MiB) let a
     * consumer decode ~10 MiB of records per fetch, most of which a full partition feed drops and fetches
     * again after its resume; the broker still returns at least one batch, however large.
     */
    maxBytesPerPartition?: number;
    maxBytes?: number;
  };
  /**
   * How often kafkajs retries a failing request (connect, metadata, produce) before the operation fails
   * with `LogUnavailableError`: about 10 s of back-off with the default 5.
   */
  retries?: number;
  /** Records per `onRecords` call. Default 500. */
  maxDeliveryBatch?: number;
  /** First back-off after `onRecords` failed. Default 500 ms. */
  retryBackoffMs?: number;
  /** `max.message.bytes` of topics `init()` creates: room for a batch holding one maximal payload. Default 8 MiB. */
  maxMessageBytes?: number;
}

/**
 * The internal log on Apache Kafka (kafkajs): the production engine. Appends go through idempotent
 * producers with `acks=all`, one per append lane (`inFlightWrites`, default 5): kafkajs lets an
 * idempotent producer have one produce request in flight per broker, so several producers keep several
 * requests in flight, while a key always uses the same one and keeps its order. Keys are partitioned by
 * kafkajs's default (murmur2, Java-compatible) partitioner, so a key keeps its partition as long as the
 * partition count does. Each subscription is a kafkajs consumer in the subscription's group.
 */
export class KafkaInternalLog implements InternalLog {
  private readonly kafka: Kafka;
  private readonly logger: Logger;
  private readonly batcher: AppendBatcher;
  private readonly subscriptions = new SubscriptionSet<KafkaSubscription>();
  /** One idempotent producer per append lane, connected on first use. */
  private readonly producers: (Promise<Producer> | undefined)[] = [];
  private initialized: Promise<void> | undefined;

  constructor(private readonly options: KafkaInternalLogOptions) {
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.INFO,
      logCreator: kafkaLogCreator(this.logger),
      retry: { retries: options.retries ?? 5 },
    });
    const lanes = options.inFlightWrites ?? 5;
    this.batcher = new AppendBatcher((topic, records, lane) => this.write(topic, records, lane), {
      ...options,
      inFlightWrites: lanes,
    });
  }

  /** The Kafka topic name of a log topic. */
  topicName(topic: LogTopic): string {
    return `${this.options.topicPrefix}${topic}`;
  }

  init(): Promise<void> {
    this.initialized ??= this.prepareTopics().catch((error: unknown) => {
      this.initialized = undefined;
      throw new LogUnavailableError('Kafka could not be reached to prepare the internal log topics.', {
        cause: error,
      });
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
    const timing = this.options.consumer ?? {};
    const consumer = this.kafka.consumer({
      // Groups carry the topic prefix: two installations sharing a cluster never share a group.
      groupId: `${this.options.topicPrefix}${options.groupId}`,
      allowAutoTopicCreation: false,
      ...(timing.sessionTimeoutMs === undefined ? {} : { sessionTimeout: timing.sessionTimeoutMs }),
      ...(timing.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: timing.rebalanceTimeoutMs }),
      ...(timing.heartbeatIntervalMs === undefined ? {} : { heartbeatInterval: timing.heartbeatIntervalMs }),
      maxWaitTimeInMs: timing.maxWaitTimeMs ?? 100,
      maxBytesPerPartition: timing.maxBytesPerPartition ?? 256 * 1024,
      maxBytes: timing.maxBytes ?? 2 * 1024 * 1024,
    });
    const subscription = new KafkaSubscription(
      {
        consumer,
        topicName: this.topicName(options.topic),
        logger: this.logger,
        maxDeliveryBatch: this.options.maxDeliveryBatch ?? 500,
        retryBackoffMs: this.options.retryBackoffMs ?? 500,
      },
      options,
    );
    return this.subscriptions.start(subscription, 'Kafka could not be reached to join the consumer group.');
  }

  async close(options: { graceMs?: number } = {}): Promise<void> {
    await this.subscriptions.close(options);
    await this.batcher.close();
    const producers = this.producers.splice(0);
    await Promise.all(
      producers.map(async (producer) => (await producer?.catch(() => undefined))?.disconnect()),
    );
  }

  private async prepareTopics(): Promise<void> {
    const admin = this.kafka.admin();
    const counts = partitionCounts(this.options.partitions);
    await admin.connect();
    try {
      await ensureTopics(admin, {
        topics: LOG_TOPICS.map((topic) => ({ name: this.topicName(topic), partitions: counts[topic] })),
        replicationFactor: this.options.replicationFactor,
        maxMessageBytes: this.options.maxMessageBytes ?? 8 * 1024 * 1024,
      });
    } finally {
      await admin.disconnect();
    }
    await this.connectedProducer(0);
  }

  private connectedProducer(lane: number): Promise<Producer> {
    const connecting =
      this.producers[lane] ??
      (async () => {
        const producer = this.kafka.producer({
          idempotent: true,
          // kafkajs sends an idempotent producer's requests one at a time per broker anyway (it holds a
          // lock per broker around each produce request); the lanes are what keeps several in flight.
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
          createPartitioner: Partitioners.DefaultPartitioner,
          // kafkajs retries an idempotent producer forever by default; an append must fail in bounded time.
          retry: { retries: this.options.retries ?? 5 },
        });
        await producer.connect();
        return producer;
      })().catch((error: unknown) => {
        if (this.producers[lane] === connecting) this.producers[lane] = undefined;
        throw error;
      });
    this.producers[lane] = connecting;
    return connecting;
  }

  private async write(topic: LogTopic, records: readonly AppendRecord[], lane: number): Promise<void> {
    try {
      const producer = await this.connectedProducer(lane);
      await producer.send({
        topic: this.topicName(topic),
        acks: -1,
        messages: records.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })),
      });
    } catch (error) {
      this.replaceProducer(lane);
      throw new LogUnavailableError(`Kafka did not acknowledge the appended records: ${reason(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * After a failed send the broker may still have written the batch while this producer does not know
   * it: its next batch to that partition would reuse the sequence number and the broker would drop it as
   * a duplicate. A new producer gets a new producer id and starts its sequences afresh.
   */
  private replaceProducer(lane: number): void {
    const old = this.producers[lane];
    this.producers[lane] = undefined;
    void old?.then((p) => p.disconnect()).catch(() => undefined);
  }
}

/**
 * What went wrong, as kafkajs names it: the protocol error type if there is one, and the message (kafkajs
 * errors that wrap another carry its message).
 */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const type = errorType(error);
  return `${type ? `${type}, ` : ''}${error.message} (${error.name}).`;
}
