import type { DestinationError } from './errors.js';

/**
 * One delivery as the host hands it to a producer: a signed webhook, written as a broker message.
 *
 * The body and attributes are final: the plugin writes them as they are (no re-encoding, no
 * attribute it did not get), so a consumer verifies the Standard Webhooks signature over exactly
 * these bytes.
 */
export interface DestinationMessage {
  /**
   * The delivery's `webhook-id`, the same on every attempt, retry and replay of the event: use it
   * as the broker's deduplication id where the broker has one (SQS FIFO).
   */
  readonly id: string;
  /**
   * Messages with the same key keep their order where the broker can (SQS FIFO message group,
   * Kafka message key, Pub/Sub ordering key). The host passes the endpoint id.
   */
  readonly key: string;
  /** The exact bytes the signature covers. */
  readonly body: Uint8Array;
  /**
   * The request headers an HTTP delivery would carry, lower-case: `webhook-id`,
   * `webhook-timestamp`, `webhook-signature`, `webhook-event-type`, `content-type` and the
   * endpoint's and event's custom headers. Write each as one message attribute (Pub/Sub attribute,
   * SQS message attribute, Kafka or AMQP header) under the same name.
   */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The broker has the message durably (acknowledged it). */
export interface DeliveredOutcome {
  readonly kind: 'delivered';
  /** The broker's id for the message, when it answers one; shown on the attempt. */
  readonly brokerMessageId?: string;
}

/**
 * The message was not written (broker unreachable, throttled, refused the credentials for now).
 * The host tries it again on the endpoint's retry schedule, waiting at least `delayMs` when given.
 */
export interface RetryOutcome {
  readonly kind: 'retry';
  /** Why, shown to the tenant on the attempt. */
  readonly reason: string;
  /** The least wait the broker asked for (a throttle), in milliseconds. */
  readonly delayMs?: number;
}

/** The broker will never take this message as it is: the delivery fails without further retries. */
export interface FailedOutcome {
  readonly kind: 'failed';
  /** Why, shown to the tenant on the attempt. */
  readonly reason: string;
}

/**
 * A producer's answer for one message.
 *
 * | outcome     | host does                                                    |
 * | ----------- | ------------------------------------------------------------ |
 * | `delivered` | records a successful attempt                                 |
 * | `retry`     | records a failed attempt; retries on the endpoint's schedule |
 * | `failed`    | records a failed attempt; the delivery fails at once         |
 */
export type DestinationOutcome = DeliveredOutcome | RetryOutcome | FailedOutcome;

/**
 * Writes messages into one tenant's broker target (queue, topic, exchange). The host creates one
 * per endpoint and process, sends through it for as long as the endpoint's destination is
 * unchanged, and closes it when the endpoint changes, goes idle or the process stops.
 */
export interface DestinationProducer {
  /**
   * Writes the batch (at most the plugin's `maxBatchSize` messages) and resolves with exactly one
   * outcome per message, in the same order. Never rejects: a failure is a `retry` or `failed`
   * outcome for the messages it touched (see {@link outcomeOfError}). Connects on first use and
   * reconnects after a failure by itself. The host may have several calls pending at once.
   * Resolves `delivered` only once the broker has acknowledged the message.
   */
  send(batch: readonly DestinationMessage[]): Promise<DestinationOutcome[]>;
  /**
   * Lets pending `send` calls settle, then releases every connection. Safe to call more than once.
   * A `send` after `close` answers `retry` for every message.
   */
  close(): Promise<void>;
}

/**
 * The outcome a thrown error stands for: a retriable {@link DestinationError} (or any error that is
 * not one: a network failure the plugin did not classify) → `retry`; any other → `failed`.
 */
export function outcomeOfError(error: unknown): RetryOutcome | FailedOutcome {
  const typed = error as Partial<DestinationError> | null;
  const message = error instanceof Error ? error.message : String(error);
  const reason = typeof typed?.code === 'string' ? `${typed.code}: ${message}` : message;
  return typed?.retriable === false
    ? { kind: 'failed', reason: reason.slice(0, 1000) }
    : { kind: 'retry', reason: reason.slice(0, 1000) };
}
