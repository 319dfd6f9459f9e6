import {
  connect,
  credentials as saslCredentials,
  type ChannelModel,
  type ConfirmChannel,
  type Message,
} from 'amqplib';
import {
  DestinationUnavailableError,
  outcomeOfError,
  type DestinationLogger,
  type DestinationMessage,
  type DestinationOutcome,
  type DestinationProducer,
} from '@caravan/destination-api';
import type { RabbitMqDestinationCredentials } from './rabbitMqDestinationSchemas.js';

export interface RabbitMqProducerOptions {
  url: string;
  exchange: string;
  routingKey: string;
  mandatory: boolean;
  credentials: RabbitMqDestinationCredentials | null;
  tls: { rejectUnauthorized: boolean; ca?: string };
  /** A publish not confirmed within this is reported `retry` (default 15 s). */
  confirmTimeoutMs?: number;
  logger: DestinationLogger;
}

interface Link {
  model: ChannelModel;
  channel: ConfirmChannel;
}

/**
 * Publishes persistent messages on a confirm channel: `delivered` once the broker confirmed the
 * message (written to its queues). The Standard Webhooks headers travel as AMQP headers, the
 * `webhook-id` also as `message-id` and the body's content type as `content-type`. With `mandatory`,
 * a message no queue would receive comes back (basic.return) and is answered `retry`. One connection
 * per producer, opened on first use and again after it is lost.
 */
export class RabbitMqDestinationProducer implements DestinationProducer {
  private link: Promise<Link> | undefined;
  private readonly returned = new Set<string>();
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: RabbitMqProducerOptions) {}

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
    let link: Link;
    try {
      link = await this.connect();
    } catch (error) {
      const outcome = outcomeOfError(unavailable('cannot connect to RabbitMQ', error));
      return batch.map(() => outcome);
    }
    return Promise.all(batch.map((message) => this.publish(link.channel, message)));
  }

  private publish(channel: ConfirmChannel, message: DestinationMessage): Promise<DestinationOutcome> {
    const o = this.options;
    return new Promise<DestinationOutcome>((resolve) => {
      const timer = setTimeout(
        () => resolve({ kind: 'retry', reason: `RabbitMQ did not confirm within ${this.timeoutMs} ms` }),
        this.timeoutMs,
      );
      const done = (error: unknown) => {
        clearTimeout(timer);
        if (error) {
          resolve(outcomeOfError(unavailable('RabbitMQ did not take the message', error)));
        } else if (this.returned.delete(message.id)) {
          resolve({
            kind: 'retry',
            reason: `no queue is bound to receive ${o.exchange || '(default)'}/${o.routingKey}`,
          });
        } else {
          resolve({ kind: 'delivered' });
        }
      };
      try {
        channel.publish(
          o.exchange,
          o.routingKey,
          Buffer.from(message.body),
          {
            persistent: true,
            mandatory: o.mandatory,
            messageId: message.id,
            ...(message.attributes['content-type']
              ? { contentType: message.attributes['content-type'] }
              : {}),
            headers: { ...message.attributes },
          },
          done,
        );
      } catch (error) {
        done(error);
      }
    });
  }

  private get timeoutMs(): number {
    return this.options.confirmTimeoutMs ?? 15_000;
  }

  private connect(): Promise<Link> {
    this.link ??= this.open().catch((error: unknown) => {
      this.link = undefined;
      throw error;
    });
    return this.link;
  }

  private async open(): Promise<Link> {
    const o = this.options;
    const url = new URL(o.url);
    const model = await connect(
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
    const forget = () => {
      this.link = undefined;
    };
    model.on('error', (error: Error) => o.logger.warn({ err: error }, 'RabbitMQ connection error'));
    model.on('close', forget);
    const channel = await model.createConfirmChannel();
    channel.on('error', (error: Error) => o.logger.warn({ err: error }, 'RabbitMQ channel error'));
    channel.on('close', forget);
    channel.on('return', (returned: Message) => {
      const id: unknown = returned.properties.messageId;
      if (typeof id === 'string') this.returned.add(id);
    });
    return { model, channel };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    const link = await this.link?.catch(() => undefined);
    this.link = undefined;
    // A connection whose socket is already gone never answers close-ok: do not wait for it forever.
    await withDeadline(
      link?.model.close().catch(() => undefined),
      2_000,
    );
  }
}

function unavailable(what: string, cause: unknown): DestinationUnavailableError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DestinationUnavailableError(`${what}: ${detail}`, { cause });
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
