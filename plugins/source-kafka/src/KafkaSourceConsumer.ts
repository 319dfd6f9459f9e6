import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type KafkaConfig as KafkaJSConfig,
  type KafkaMessage,
  type LogEntry,
} from 'kafkajs';
import {
  acknowledges,
  type SourceConsumer,
  type SourceLogger,
  type SourceMessage,
  type SourceOutcome,
  type SourceSink,
} from '@caravan/source-api';
import { toSourceError } from './toSourceError.js';

/** Everything the consumer needs, defaults applied. */
export interface KafkaConsumerOptions {
  /** Connection settings for kafkajs: brokers, client id, TLS, SASL, and the guarded socket factory. */
  connection: Pick<KafkaJSConfig, 'brokers' | 'clientId' | 'ssl' | 'sasl' | 'socketFactory'>;
  topic: string;
  groupId: string;
  fromBeginning: boolean;
  sessionTimeoutMs: number;
  maxBatchSize: number;
  workers: number;
  /** Back-off after a `retry-later` without `delayMs`. */
  retryBackoffMs: number;
  logger: SourceLogger;
}

/**
 * A kafkajs consumer in the tenant's group, `eachBatch` with `autoCommit: false`. Each partition's
 * messages go to the host in offset order, in chunks of up to `maxBatchSize`; up to `workers`
 * partitions at once. Kafka acknowledges by position, so the consumer commits only the run of
 * accepted or rejected messages from the start of a chunk: the first `retry-later` stops the
 * partition there. Its offset stays unresolved, so after a back-off (the partition is paused)
 * kafkajs fetches it again, and it is redelivered with the same id. Messages after it may be
 * delivered again too; the host deduplicates by id.
 */
export class KafkaSourceConsumer implements SourceConsumer {
  private consumer: Consumer | undefined;
  private kafka: Kafka | undefined;
  private admin: Promise<Admin> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: KafkaConsumerOptions) {}

  async start(sink: SourceSink): Promise<void> {
    const o = this.options;
    const kafka = new Kafka({
      ...o.connection,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.log(entry),
    });
    this.kafka = kafka;
    const consumer = kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs,
      heartbeatInterval: Math.round(o.sessionTimeoutMs / 10),
      // Never create topics in a tenant's cluster: a misspelt topic must be an error.
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts by itself after retriable errors; anything else ends this consumer.
      if (!payload.restart && !this.stopping) sink.fail(toSourceError(payload.error));
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [o.topic], fromBeginning: o.fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: o.workers,
        eachBatch: (payload) => this.onBatch(payload, sink),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw toSourceError(error);
    }
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      for (const timer of this.resumeTimers) clearTimeout(timer);
      // disconnect() waits for the eachBatch in progress, which commits what the host settled.
      await this.consumer?.disconnect();
      const admin = await this.admin?.catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
    })();
    return this.stopped;
  }

  /**
   * The group's lag on the topic, as the cluster tells it: per partition, the end offset less the
   * group's committed offset (less the earliest offset kept, when the group has not committed yet and
   * starts from the beginning). `null` once stopped or when the cluster does not answer.
   */
  async backlog(): Promise<number | null> {
    if (this.stopping || !this.kafka) return null;
    const kafka = this.kafka;
    try {
      this.admin ??= (async () => {
        const admin = kafka.admin();
        await admin.connect();
        return admin;
      })();
      const admin = await this.admin;
      const { topic, groupId, fromBeginning } = this.options;
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const committedOf = new Map(
        (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [
          p.partition,
          Number(p.offset),
        ]),
      );
      let lag = 0;
      for (const { partition, high, low } of ends) {
        const at = committedOf.get(partition) ?? -1;
        // No commit yet: the group starts at the earliest kept offset, or at the end (nothing waits).
        const from = at >= 0 ? at : fromBeginning ? Number(low) : Number(high);
        lag += Math.max(0, Number(high) - from);
      }
      return lag;
    } catch (error) {
      this.admin = undefined;
      this.options.logger.debug({ err: error }, 'Kafka lag not available');
      return null;
    }
  }

  private async onBatch(payload: EachBatchPayload, sink: SourceSink): Promise<void> {
    const { batch } = payload;
    for (let start = 0; start < batch.messages.length; start += this.options.maxBatchSize) {
      if (this.stopping || !payload.isRunning() || payload.isStale()) return;
      const chunk = batch.messages.slice(start, start + this.options.maxBatchSize);
      const outcomes = await this.deliver(sink, payload, chunk);
      let settled = 0;
      while (settled < chunk.length && acknowledges(outcomes[settled] ?? { kind: 'retry-later' }))
        settled += 1;
      if (settled > 0 && !(await this.commit(payload, chunk[settled - 1]!.offset))) return;
      if (settled < chunk.length) {
        this.backOff(payload, outcomes[settled]);
        return;
      }
    }
  }

  /** Hands a chunk to the host, heartbeating so the group does not drop this member meanwhile. */
  private async deliver(
    sink: SourceSink,
    payload: EachBatchPayload,
    chunk: KafkaMessage[],
  ): Promise<SourceOutcome[]> {
    const { topic, partition } = payload.batch;
    const heartbeat = setInterval(
      () => {
        payload
          .heartbeat()
          .catch((error: unknown) => this.options.logger.debug({ err: error }, 'Kafka heartbeat failed'));
      },
      Math.round(this.options.sessionTimeoutMs / 10),
    );
    try {
      return await sink.deliver(chunk.map((message) => toSourceMessage(topic, partition, message)));
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Commits up to and including `offset`; answers false when the group moved on (rebalance). */
  private async commit(payload: EachBatchPayload, offset: string): Promise<boolean> {
    const { topic, partition } = payload.batch;
    payload.resolveOffset(offset);
    const next = (BigInt(offset) + 1n).toString();
    try {
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic, partitions: [{ partition, offset: next }] }],
      });
      return true;
    } catch (error) {
      // The partition may belong to another member now; it resumes from the last commit (at least once).
      this.options.logger.warn({ err: error, topic, partition, offset: next }, 'Kafka offset commit failed');
      return false;
    }
  }

  /** Pauses the partition for the host's delay; kafkajs then refetches from the first unresolved offset. */
  private backOff(payload: EachBatchPayload, outcome: SourceOutcome | undefined): void {
    const delayMs =
      outcome?.kind === 'retry-later'
        ? (outcome.delayMs ?? this.options.retryBackoffMs)
        : this.options.retryBackoffMs;
    const resume = payload.pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (!this.stopping) resume();
    }, delayMs);
    this.resumeTimers.add(timer);
  }

  private log({ level, log }: LogEntry): void {
    const { message, ...fields } = log;
    if (level === logLevel.ERROR) this.options.logger.error(fields, `kafkajs: ${message}`);
    else if (level === logLevel.WARN) this.options.logger.warn(fields, `kafkajs: ${message}`);
    else this.options.logger.debug(fields, `kafkajs: ${message}`);
  }
}

function toSourceMessage(topic: string, partition: number, message: KafkaMessage): SourceMessage {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    // A repeated header keeps its last value, as Kafka's Headers.lastHeader() reads it.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) attributes[name] = last.toString('utf8');
  }
  const timestamp = Number(message.timestamp);
  return {
    // Topic, partition and offset name a record for good: the same id on every redelivery.
    id: `${topic}/${partition}/${message.offset}`,
    body: message.value ?? new Uint8Array(0),
    attributes,
    publishTime: timestamp >= 0 ? new Date(timestamp) : null,
  };
}
