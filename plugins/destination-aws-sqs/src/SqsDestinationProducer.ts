import { createHash } from 'node:crypto';
import {
  SQSClient,
  SendMessageBatchCommand,
  type MessageAttributeValue,
  type SendMessageBatchRequestEntry,
} from '@aws-sdk/client-sqs';
import {
  DestinationUnavailableError,
  outcomeOfError,
  type DestinationLogger,
  type DestinationMessage,
  type DestinationOutcome,
  type DestinationProducer,
} from '@caravan/destination-api';
import type { SqsDestinationCredentials } from './sqsDestinationSchemas.js';
import { toDestinationError } from './toDestinationError.js';

/** SQS carries at most 10 message attributes; the rest travel folded into {@link FOLDED_ATTRIBUTE}. */
export const MAX_SQS_ATTRIBUTES = 10;
/** The attribute that carries, as a JSON object, the headers beyond the 10 SQS allows. */
export const FOLDED_ATTRIBUTE = 'caravan-headers';

export interface SqsProducerOptions {
  queueUrl: string;
  region: string;
  endpoint: string | undefined;
  /** `null`: the SDK's default credential provider chain. */
  credentials: SqsDestinationCredentials | null;
  logger: DestinationLogger;
}

/**
 * Writes batches with SendMessageBatch (up to 10, the plugin's `maxBatchSize`). On a FIFO queue each
 * message's group is its endpoint, so one endpoint's messages keep their order while endpoints do
 * not hold each other up, and the deduplication id is the `webhook-id`: SQS drops a copy sent again
 * within its five-minute window (a retry after a lost answer).
 */
export class SqsDestinationProducer implements DestinationProducer {
  private readonly client: SQSClient;
  private readonly fifo: boolean;
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: SqsProducerOptions) {
    this.fifo = options.queueUrl.endsWith('.fifo');
    this.client = new SQSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // A copy: the SDK writes into the credentials object it is given, and the host's is frozen.
      ...(options.credentials ? { credentials: { ...options.credentials } } : {}),
      // The host retries on the endpoint's schedule; the SDK's own retries only stretch one attempt.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 },
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
    const entries = batch.map((message, i) => this.entry(message, i));
    try {
      const answer = await this.client.send(
        new SendMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries }),
      );
      const ok = new Map((answer.Successful ?? []).map((s) => [s.Id, s.MessageId]));
      const failed = new Map((answer.Failed ?? []).map((f) => [f.Id, f]));
      return entries.map((entry): DestinationOutcome => {
        if (ok.has(entry.Id)) {
          const brokerMessageId = ok.get(entry.Id);
          return brokerMessageId ? { kind: 'delivered', brokerMessageId } : { kind: 'delivered' };
        }
        const failure = failed.get(entry.Id);
        const reason = `${failure?.Code ?? 'NoAnswer'}: ${failure?.Message ?? 'SQS did not answer for this entry'}`;
        // SenderFault: this entry as written will never be accepted; otherwise SQS may take it later.
        return failure?.SenderFault ? { kind: 'failed', reason } : { kind: 'retry', reason };
      });
    } catch (error) {
      const typed = toDestinationError(error);
      this.options.logger.warn({ code: typed.code, err: error }, 'SQS SendMessageBatch failed');
      const outcome = outcomeOfError(typed);
      return batch.map(() => outcome);
    }
  }

  private entry(message: DestinationMessage, index: number): SendMessageBatchRequestEntry {
    return {
      Id: String(index),
      MessageBody: Buffer.from(message.body).toString('utf8'),
      MessageAttributes: toMessageAttributes(message.attributes),
      ...(this.fifo
        ? { MessageGroupId: message.key, MessageDeduplicationId: deduplicationId(message.id) }
        : {}),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    this.client.destroy();
  }
}

/** Each attribute as a String message attribute; past the tenth, the rest folded into one JSON attribute. */
export function toMessageAttributes(
  attributes: Readonly<Record<string, string>>,
): Record<string, MessageAttributeValue> {
  const entries = Object.entries(attributes);
  const direct = entries.length <= MAX_SQS_ATTRIBUTES ? entries : entries.slice(0, MAX_SQS_ATTRIBUTES - 1);
  const folded = entries.slice(direct.length);
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of direct) out[name] = { DataType: 'String', StringValue: value };
  if (folded.length > 0)
    out[FOLDED_ATTRIBUTE] = { DataType: 'String', StringValue: JSON.stringify(Object.fromEntries(folded)) };
  return out;
}

// SQS allows 128 characters of alphanumerics and punctuation; a webhook-id that does not fit is hashed.
function deduplicationId(id: string): string {
  return /^[\x21-\x7e]{1,128}$/.test(id) ? id : createHash('sha256').update(id).digest('hex');
}
