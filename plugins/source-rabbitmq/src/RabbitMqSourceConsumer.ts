import { createHash } from 'node:crypto';
import {
  connect,
  credentials as saslCredentials,
  type Channel,
  type ChannelModel,
  type ConsumeMessage,
} from 'amqplib';
import {
  SourceAuthError,
  SourceConfigError,
  SourceUnavailableError,
  acknowledges,
  type SourceConsumer,
  type SourceError,
  type SourceLogger,
  type SourceMessage,
  type SourceOutcome,
  type SourceSink,
} from '@caravan/source-api';
import type { RabbitMqSourceCredentials } from './rabbitMqSourceSchemas.js';

export interface RabbitMqConsumerOptions {
  url: string;
  queue: string;
  credentials: RabbitMqSourceCredentials | null;
  tls: { rejectUnauthorized: boolean; ca?: string };
  workers: number;
  maxBatchSize: number;
  maxBatchWaitMs: number;
  /** Wait before handing back a retry-later message without `delayMs`. */
  retryBackoffMs: number;
  logger: SourceLogger;
}

/**
 * One channel consuming the queue with manual acknowledgements and a prefetch of `workers ×
 * maxBatchSize`: messages are gathered into batches (up to `maxBatchSize`, or what arrived within
 * `maxBatchWaitMs`), with up to `workers` batches at the host at once. Accepted and rejected messages
 * are acked; a retry-later one is held for its delay, then nacked with requeue, so RabbitMQ offers it
 * again (it is never dropped). RabbitMQ has no broker message id: the producer's `message-id`
 * property is the id, else a hash of the body and properties, stable across redeliveries.
 */
export class RabbitMqSourceConsumer implements SourceConsumer {
  private model: ChannelModel | undefined;
  private channel: Channel | undefined;
  private consumerTag: string | undefined;
  private sink: SourceSink | undefined;
  private buffer: ConsumeMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private stopping = false;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: RabbitMqConsumerOptions) {}

  async start(sink: SourceSink): Promise<void> {
    const o = this.options;
    this.sink = sink;
    try {
      const url = new URL(o.url);
      this.model = await connect(
        {
          protocol: url.protocol.replace(':', ''),
          hostname: url.hostname,
          port: url.port ? Number(url.port) : url.protocol === 'amqps:' ? 5671 : 5672,
          vhost: decodeURIComponent(url.pathname.slice(1)) || '/',
          heartbeat: 15,
          ...(o.credentials
            ? { credentials: saslCredentials.plain(o.credentials.username, o.credentials.password) }
            : {}),
        },
        {
          timeout: 5_000,
          rejectUnauthorized: o.tls.rejectUnauthorized,
          ...(o.tls.ca ? { ca: [o.tls.ca] } : {}),
        },
      );
      this.model.on('error', (error: Error) => o.logger.warn({ err: error }, 'RabbitMQ connection error'));
      this.model.on('close', () => this.lost('the RabbitMQ connection closed'));
      this.channel = await this.model.createChannel();
      this.channel.on('error', (error: Error) => o.logger.warn({ err: error }, 'RabbitMQ channel error'));
      this.channel.on('close', () => this.lost('the RabbitMQ channel closed'));
      await this.channel.checkQueue(o.queue);
      await this.channel.prefetch(o.workers * o.maxBatchSize);
      const { consumerTag } = await this.channel.consume(o.queue, (m) => this.onMessage(m), { noAck: false });
      this.consumerTag = consumerTag;
    } catch (error) {
      await this.release();
      throw toSourceError(error, o.queue);
    }
  }

  private lost(why: string): void {
    if (this.stopping) return;
    this.sink?.fail(new SourceUnavailableError(why));
  }

  private onMessage(message: ConsumeMessage | null): void {
    if (message === null) {
      this.lost(`the queue ${this.options.queue} was deleted`);
      return;
    }
    if (this.stopping) return; // left unacked: it goes back to the queue when the channel closes
    this.buffer.push(message);
    this.pump();
  }

  /** Hands batches to the host while fewer than `workers` are pending there. */
  private pump(): void {
    const { maxBatchSize, maxBatchWaitMs, workers } = this.options;
    while (!this.stopping && this.buffer.length > 0 && this.inFlight.size < workers) {
      if (this.buffer.length < maxBatchSize && maxBatchWaitMs > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, maxBatchWaitMs);
        return;
      }
      this.flush();
    }
  }

  private flush(): void {
    if (this.stopping || this.buffer.length === 0 || this.inFlight.size >= this.options.workers) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer.splice(0, this.options.maxBatchSize);
    const call = this.deliver(batch).finally(() => {
      this.inFlight.delete(call);
      this.pump();
    });
    this.inFlight.add(call);
  }

  private async deliver(batch: ConsumeMessage[]): Promise<void> {
    const outcomes = await this.sink!.deliver(batch.map(toSourceMessage)).catch(
      (error: unknown): SourceOutcome[] => {
        this.options.logger.error({ err: error }, 'deliver() rejected; the messages will come again');
        return batch.map(() => ({ kind: 'retry-later' }));
      },
    );
    batch.forEach((message, i) => {
      const outcome: SourceOutcome = outcomes[i] ?? { kind: 'retry-later' };
      if (acknowledges(outcome)) {
        this.settle(() => this.channel?.ack(message));
        return;
      }
      // Requeued at once it would come straight back: hold it for the wait first (still unacked).
      const wait = outcome.delayMs ?? this.options.retryBackoffMs;
      if (this.stopping) {
        this.settle(() => this.channel?.nack(message, false, true));
        return;
      }
      const timer = setTimeout(() => {
        this.delayed.delete(timer);
        this.settle(() => this.channel?.nack(message, false, true));
      }, wait);
      this.delayed.add(timer);
    });
  }

  private settle(apply: () => void): void {
    try {
      apply();
    } catch (error) {
      // The channel is gone: RabbitMQ requeues every unacked message itself.
      this.options.logger.warn({ err: error }, 'RabbitMQ ack or nack failed; the message will come again');
    }
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      clearTimeout(this.timer);
      if (this.channel && this.consumerTag)
        await this.channel.cancel(this.consumerTag).catch(() => undefined);
      await Promise.allSettled([...this.inFlight]);
      for (const timer of this.delayed) clearTimeout(timer);
      this.delayed.clear();
      // Unacked messages (buffered, held for a retry) return to the queue when the channel closes.
      this.buffer = [];
      await this.release();
    })();
    return this.stopped;
  }

  private async release(): Promise<void> {
    const { channel, model } = this;
    this.channel = undefined;
    this.model = undefined;
    this.stopping = true;
    await withDeadline(
      channel?.close().catch(() => undefined),
      2_000,
    );
    await withDeadline(
      model?.close().catch(() => undefined),
      2_000,
    );
  }
}

function toSourceMessage(message: ConsumeMessage): SourceMessage {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.properties.headers ?? {}) as [string, unknown][]) {
    attributes[name] = headerText(value);
  }
  const id: unknown = message.properties.messageId;
  const timestamp: unknown = message.properties.timestamp;
  return {
    id: typeof id === 'string' && id !== '' ? id.slice(0, 1024) : contentId(message),
    body: message.content,
    attributes,
    publishTime: typeof timestamp === 'number' ? new Date(timestamp * 1000) : null,
  };
}

/** AMQP header values as text: strings as they are, bytes as UTF-8, tables and arrays as JSON. */
function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

// Without a message-id the same message must still get the same id on every redelivery.
function contentId(message: ConsumeMessage): string {
  const hash = createHash('sha256')
    .update(message.content)
    .update(JSON.stringify(message.properties))
    .digest('hex');
  return `sha256:${hash}`;
}

/** Maps an amqplib error to the contract's typed errors. */
export function toSourceError(error: unknown, queue: string): SourceError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 404 || /NOT_FOUND/.test(message))
    return new SourceConfigError(`queue ${queue} does not exist: ${message}`, {
      field: '/config/queue',
      cause: error,
    });
  if (code === 403 || /ACCESS_REFUSED|ACCESS-REFUSED|403/.test(message))
    return new SourceAuthError(message, { cause: error });
  return new SourceUnavailableError(message, { cause: error });
}

function withDeadline(work: Promise<unknown> | undefined, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
