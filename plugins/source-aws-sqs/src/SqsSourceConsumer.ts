import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import {
  acknowledges,
  type SourceConsumer,
  type SourceLogger,
  type SourceNetwork,
  type SourceMessage,
  type SourceOutcome,
  type SourceSink,
} from '@caravan/source-api';
import type { SqsCredentials } from './sqsSchemas.js';
import { toSourceError } from './toSourceError.js';

/** Everything the consumer needs, defaults applied. */
export interface SqsConsumerOptions {
  queueUrl: string;
  region: string;
  endpoint: string | undefined;
  /** `null`: the SDK's default credential provider chain. */
  credentials: SqsCredentials | null;
  workers: number;
  waitTimeSeconds: number;
  visibilityTimeoutSeconds: number;
  maxBatchSize: number;
  /** Back-off after a `retry-later` without `delayMs`. */
  retryBackoffMs: number;
  logger: SourceLogger;
  /** The host's address guard: every connection the SDK opens resolves through its `lookup`. */
  network: SourceNetwork;
}

/** Receipt handles of messages the host holds, renewed by the heartbeat. */
type Held = Set<Message[]>;

// Consecutive receive failures (each already retried by the SDK) after which the source is reported down.
const FAILURES_BEFORE_REPORTING = 5;

/**
 * `workers` loops, each: long-poll ReceiveMessage (up to 10), hand the batch to the host, delete the
 * accepted and rejected ones in one DeleteMessageBatch, and make the retry-later ones visible again
 * (ChangeMessageVisibilityBatch to 0 or the host's delay). While the host holds a batch, a heartbeat
 * renews its visibility every third of the timeout, so a slow host does not get it redelivered.
 */
export class SqsSourceConsumer implements SourceConsumer {
  private readonly client: SQSClient;
  private readonly abort = new AbortController();
  private readonly held: Held = new Set();
  private readonly loops: Promise<void>[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: SqsConsumerOptions) {
    this.client = new SQSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // A copy: the SDK writes into the credentials object it is given, and the host's may be frozen.
      ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
      // The SDK's own agents, with the host's guarded lookup: a name that resolves to an address the
      // operator does not allow fails to connect, and the socket goes to the address that was checked.
      requestHandler: {
        httpAgent: new HttpAgent({ keepAlive: true, lookup: options.network.lookup }),
        httpsAgent: new HttpsAgent({ keepAlive: true, lookup: options.network.lookup }),
      },
    });
  }

  async start(sink: SourceSink): Promise<void> {
    try {
      // Fails fast on a wrong URL, region or credentials (needs sqs:GetQueueAttributes, as Lambda does).
      await this.client.send(
        new GetQueueAttributesCommand({ QueueUrl: this.options.queueUrl, AttributeNames: ['QueueArn'] }),
      );
    } catch (error) {
      throw toSourceError(error);
    }
    const periodMs = Math.max((this.options.visibilityTimeoutSeconds * 1000) / 3, 500);
    this.heartbeat = setInterval(() => void this.renew(), periodMs);
    for (let i = 0; i < this.options.workers; i++) this.loops.push(this.pull(sink));
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      // Ends the long polls at once; batches with the host finish and their outcomes are applied.
      this.abort.abort();
      await Promise.all(this.loops);
      clearInterval(this.heartbeat);
      this.client.destroy();
    })();
    return this.stopped;
  }

  /**
   * SQS's `ApproximateNumberOfMessages`: messages available to receive (not those in flight with a
   * consumer, nor delayed ones). `null` once stopped or when SQS does not answer.
   */
  async backlog(): Promise<number | null> {
    if (this.stopped) return null;
    try {
      const answer = await this.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: this.options.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      const raw = answer.Attributes?.ApproximateNumberOfMessages;
      return raw === undefined ? null : Number(raw);
    } catch {
      return null;
    }
  }

  private async pull(sink: SourceSink): Promise<void> {
    const { signal } = this.abort;
    let failures = 0;
    while (!signal.aborted) {
      let messages: Message[];
      try {
        messages = await this.receive(signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        const failure = toSourceError(error);
        failures += 1;
        this.options.logger.warn({ err: error, code: failure.code, failures }, 'SQS ReceiveMessage failed');
        if (!failure.retriable || failures >= FAILURES_BEFORE_REPORTING) {
          sink.fail(failure);
          break;
        }
        await pause(Math.min(1000 * 2 ** failures, 30_000), signal);
        continue;
      }
      if (messages.length === 0) continue;
      if (signal.aborted) {
        // stop() came while this poll was answering: hand the messages straight back.
        await this.setVisibility(messages, 0);
        break;
      }
      this.held.add(messages);
      const outcomes = await sink
        .deliver(messages.map(toSourceMessage))
        .catch((error: unknown): SourceOutcome[] => {
          // The host promises deliver() never rejects; if it does anyway, nothing is deleted.
          this.options.logger.error({ err: error }, 'deliver() rejected; the messages will come again');
          return messages.map(() => ({ kind: 'retry-later' }));
        })
        .finally(() => this.held.delete(messages));
      const backOffMs = await this.settle(messages, outcomes);
      if (backOffMs > 0) await pause(backOffMs, signal);
    }
  }

  private async receive(signal: AbortSignal): Promise<Message[]> {
    const { queueUrl, maxBatchSize, waitTimeSeconds, visibilityTimeoutSeconds } = this.options;
    const answer = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: maxBatchSize,
        WaitTimeSeconds: waitTimeSeconds,
        VisibilityTimeout: visibilityTimeoutSeconds,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
      }),
      { abortSignal: signal },
    );
    return (answer.Messages ?? []).filter((m) => m.ReceiptHandle !== undefined && m.MessageId !== undefined);
  }

  /** Applies the host's outcomes; answers the back-off the retry-later ones ask for (0 if none). */
  private async settle(messages: Message[], outcomes: SourceOutcome[]): Promise<number> {
    const done: Message[] = [];
    const retryAfter = new Map<number, Message[]>();
    messages.forEach((message, i) => {
      const outcome: SourceOutcome = outcomes[i] ?? { kind: 'retry-later' };
      if (acknowledges(outcome)) {
        done.push(message);
        return;
      }
      const seconds = Math.min(Math.ceil((outcome.delayMs ?? 0) / 1000), 43_200);
      retryAfter.set(seconds, [...(retryAfter.get(seconds) ?? []), message]);
    });
    await Promise.all([
      this.delete(done),
      ...[...retryAfter].map(([s, batch]) => this.setVisibility(batch, s)),
    ]);
    if (retryAfter.size === 0) return 0;
    return Math.max(
      ...outcomes.map((o) => (o.kind === 'retry-later' ? (o.delayMs ?? this.options.retryBackoffMs) : 0)),
    );
  }

  private async delete(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    const entries = messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! }));
    try {
      const answer = await this.client.send(
        new DeleteMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries }),
      );
      // A failed delete means a redelivery later: harmless, the message id makes the event idempotent.
      for (const failed of answer.Failed ?? [])
        this.options.logger.warn(
          { code: failed.Code, reason: failed.Message },
          'SQS did not delete a message',
        );
    } catch (error) {
      this.options.logger.warn(
        { err: error, count: entries.length },
        'SQS DeleteMessageBatch failed; the messages will come again',
      );
    }
  }

  private async setVisibility(messages: Message[], seconds: number): Promise<void> {
    if (messages.length === 0) return;
    const entries = messages.map((m, i) => ({
      Id: String(i),
      ReceiptHandle: m.ReceiptHandle!,
      VisibilityTimeout: seconds,
    }));
    try {
      const answer = await this.client.send(
        new ChangeMessageVisibilityBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries }),
      );
      for (const failed of answer.Failed ?? [])
        this.options.logger.warn(
          { code: failed.Code, reason: failed.Message },
          'SQS did not change a visibility timeout',
        );
    } catch (error) {
      this.options.logger.warn({ err: error, seconds }, 'SQS ChangeMessageVisibilityBatch failed');
    }
  }

  /** Renews the visibility of every batch the host holds, so none is redelivered while pending. */
  private async renew(): Promise<void> {
    await Promise.all(
      [...this.held].map((batch) => this.setVisibility(batch, this.options.visibilityTimeoutSeconds)),
    );
  }
}

function toSourceMessage(message: Message): SourceMessage {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    const text =
      value.StringValue ??
      (value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined);
    if (text !== undefined) attributes[name] = text;
  }
  const sent = Number(message.Attributes?.SentTimestamp);
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount);
  return {
    id: message.MessageId!,
    body: Buffer.from(message.Body ?? '', 'utf8'),
    attributes,
    publishTime: Number.isFinite(sent) && sent > 0 ? new Date(sent) : null,
    ...(Number.isInteger(receiveCount) && receiveCount >= 1 ? { deliveryAttempt: receiveCount } : {}),
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
