import { Kafka, logLevel, type KafkaConfig, type Producer } from 'kafkajs';
import {
  DestinationAuthError,
  DestinationConfigError,
  DestinationMessageRejectedError,
  DestinationUnavailableError,
  outcomeOfError,
  type DestinationError,
  type DestinationLogger,
  type DestinationMessage,
  type DestinationOutcome,
  type DestinationProducer,
} from '@caravan/destination-api';

export interface KafkaProducerOptions {
  connection: KafkaConfig;
  topic: string;
  logger: DestinationLogger;
}

const authTypes = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
]);
const tooLarge = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);

/**
 * An idempotent kafkajs producer (acks from every in-sync replica): each batch is one `send`, each
 * message keyed by its endpoint so one endpoint's messages share a partition and keep their order.
 * It connects on first use, and again after a failure; kafkajs's own retries are kept short, since
 * the host retries on the endpoint's schedule.
 */
export class KafkaDestinationProducer implements DestinationProducer {
  private readonly kafka: Kafka;
  /** The producer sends go through, and its connection (made on first use). */
  private current: { producer: Producer; connected?: Promise<void> };
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: KafkaProducerOptions) {
    this.kafka = new Kafka({
      ...options.connection,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 15_000,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
    this.current = { producer: this.newProducer() };
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  send(batch: readonly DestinationMessage[]): Promise<DestinationOutcome[]> {
    if (this.closed) {
      const outcome = outcomeOfError(new DestinationUnavailableError('the producer is closed'));
      return Promise.resolve(batch.map(() => outcome));
    }
    const sending = this.sendBatch(batch);
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
    return sending;
  }

  private async sendBatch(batch: readonly DestinationMessage[]): Promise<DestinationOutcome[]> {
    const current = this.current;
    try {
      current.connected ??= current.producer.connect();
      await current.connected;
      await current.producer.send({
        topic: this.options.topic,
        acks: -1,
        messages: batch.map((m) => ({
          key: m.key,
          value: Buffer.from(m.body),
          headers: { ...m.attributes },
        })),
      });
      return batch.map(() => ({ kind: 'delivered' }));
    } catch (error) {
      // The next send uses a new producer: kafkajs does not recover a producer whose connect failed, and
      // an idempotent producer that lost requests in a broker restart can be refused for its sequence
      // numbers from then on. A new one gets a new producer id.
      if (this.current === current && !this.closed) {
        this.current = { producer: this.newProducer() };
        void current.producer.disconnect().catch(() => undefined);
      }
      const typed = toDestinationError(error);
      this.options.logger.warn({ code: typed.code, err: error }, 'Kafka send failed');
      const outcome = outcomeOfError(typed);
      return batch.map(() => outcome);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.current.producer.disconnect().catch(() => undefined);
  }
}

/** Maps a kafkajs error (searching its `cause` chain for the broker's error type) to the contract's errors. */
export function toDestinationError(error: unknown): DestinationError {
  const message = error instanceof Error ? error.message : String(error);
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, type } = e as { name?: string; type?: string };
    if (name === 'KafkaJSSASLAuthenticationError' || (type && authTypes.has(type)))
      return new DestinationAuthError(`${type ?? name}: ${message}`, { cause: error });
    if (type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'INVALID_TOPIC_EXCEPTION')
      return new DestinationConfigError(`${type}: ${message}`, { field: '/config/topic', cause: error });
    if (type && tooLarge.has(type))
      return new DestinationMessageRejectedError(`${type}: ${message}`, { cause: error });
  }
  return new DestinationUnavailableError(message, { cause: error });
}
