import { PubSub, type ClientConfig, type Topic } from '@google-cloud/pubsub';
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
import type { ServiceAccount } from './pubSubDestinationSchemas.js';

export interface PubSubProducerOptions {
  projectId: string;
  topic: string;
  /** host[:port]; with `emulator`, plaintext and no credentials. */
  endpoint: string;
  emulator: boolean;
  serviceAccount: ServiceAccount | null;
  orderingKeys: boolean;
  /** A publish not answered within this is reported `retry` (default 15 s). */
  publishTimeoutMs?: number;
  logger: DestinationLogger;
}

// gRPC status codes.
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const PERMISSION_DENIED = 7;
const UNAUTHENTICATED = 16;

/**
 * Publishes through the client's batching publisher: the messages of one `send` go out together, each
 * answered on its own. The SDK retries an unavailable service for up to ten minutes; the producer
 * answers `retry` after `publishTimeoutMs` instead (the publish may still land: at least once, and the
 * `webhook-id` lets the consumer drop the copy). With ordering keys, a failed publish pauses its key in
 * the client; the producer resumes it so the host's retry can go out.
 */
export class PubSubDestinationProducer implements DestinationProducer {
  private client: PubSub | undefined;
  private topic: Topic | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: PubSubProducerOptions) {}

  send(batch: readonly DestinationMessage[]): Promise<DestinationOutcome[]> {
    if (this.closed) {
      const outcome = outcomeOfError(new DestinationUnavailableError('the producer is closed'));
      return Promise.resolve(batch.map(() => outcome));
    }
    const sending = Promise.all(batch.map((m) => this.publish(m)));
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
    return sending;
  }

  private async publish(message: DestinationMessage): Promise<DestinationOutcome> {
    const topic = this.connect();
    let timer: NodeJS.Timeout | undefined;
    try {
      const id = await Promise.race([
        topic.publishMessage({
          data: Buffer.from(message.body),
          attributes: { ...message.attributes },
          ...(this.options.orderingKeys ? { orderingKey: message.key } : {}),
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new DestinationUnavailableError(`no answer from Pub/Sub within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
      return { kind: 'delivered', brokerMessageId: id };
    } catch (error) {
      if (this.options.orderingKeys) topic.resumePublishing(message.key);
      const typed = toDestinationError(error, this.options.topic);
      this.options.logger.warn({ code: typed.code, err: error }, 'Pub/Sub publish failed');
      return outcomeOfError(typed);
    } finally {
      clearTimeout(timer);
    }
  }

  private get timeoutMs(): number {
    return this.options.publishTimeoutMs ?? 15_000;
  }

  private connect(): Topic {
    if (this.topic) return this.topic;
    const o = this.options;
    // apiEndpoint is always given, so PUBSUB_EMULATOR_HOST in Caravan's environment never redirects a
    // tenant's destination.
    const config: ClientConfig = {
      projectId: o.projectId,
      apiEndpoint: o.endpoint,
      emulatorMode: o.emulator,
    };
    if (o.serviceAccount && !o.emulator) config.credentials = o.serviceAccount;
    // An emulator needs no identity; without a universe domain the client probes the metadata server.
    if (o.emulator) config.universeDomain = 'googleapis.com';
    this.client = new PubSub(config);
    this.topic = this.client.topic(o.topic, {
      batching: { maxMessages: 100, maxMilliseconds: 5 },
      messageOrdering: o.orderingKeys,
    });
    return this.topic;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await this.topic?.flush().catch(() => undefined);
    await this.client?.close().catch(() => undefined);
  }
}

/** Maps a publish error (a gRPC status error) to the contract's typed errors. */
export function toDestinationError(error: unknown, topic: string): DestinationError {
  if (error instanceof DestinationUnavailableError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === NOT_FOUND)
    return new DestinationConfigError(`topic ${topic} does not exist: ${message}`, {
      field: '/config/topic',
      cause: error,
    });
  if (code === INVALID_ARGUMENT) return new DestinationMessageRejectedError(message, { cause: error });
  if (code === PERMISSION_DENIED || code === UNAUTHENTICATED)
    return new DestinationAuthError(message, { cause: error });
  return new DestinationUnavailableError(message, { cause: error });
}
