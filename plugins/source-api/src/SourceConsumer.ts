import type { SourceError } from './errors.js';

/**
 * One broker message as the plugin hands it to the host.
 *
 * The host turns it into an event: the body is parsed according to the source's message format,
 * `id` becomes the default idempotency key (so a redelivered message never becomes two events), and
 * `attributes` become event headers.
 */
export interface SourceMessage {
  /**
   * The broker's id for the message, the same on every redelivery (Pub/Sub message id, SQS
   * `MessageId`, `topic/partition/offset` for Kafka). Never a receipt handle or an ack id, which
   * change per delivery. At most 1024 characters.
   */
  readonly id: string;
  /** The exact bytes the producer published. */
  readonly body: Uint8Array;
  /**
   * The producer's attributes (Pub/Sub attributes, SQS message attributes, Kafka headers) as text,
   * and nothing else: no broker bookkeeping. Empty when the producer set none.
   */
  readonly attributes: Readonly<Record<string, string>>;
  /** When the broker accepted the message, or `null` when the broker does not say. */
  readonly publishTime: Date | null;
  /** How many times the broker has handed this message out, this time included, when it counts (1 = first time). */
  readonly deliveryAttempt?: number;
}

/** The event is durably in Caravan's log (or is a known duplicate). The plugin acknowledges the message. */
export interface AcceptedOutcome {
  readonly kind: 'accepted';
}

/**
 * Caravan cannot take the message now (log unavailable, tenant over its ingest limit, shutting down).
 * The plugin must not acknowledge it, must make it available again (nack, visibility 0, no commit
 * past it), and should slow down for about `delayMs` before delivering more.
 */
export interface RetryLaterOutcome {
  readonly kind: 'retry-later';
  /** A hint: how long the host would like the plugin to wait. Absent: the plugin picks a short back-off. */
  readonly delayMs?: number;
}

/**
 * The message can never become an event (malformed, invalid). The host has already stored it as a
 * dead letter with `reason`; the plugin acknowledges it so the broker stops redelivering it.
 */
export interface RejectedOutcome {
  readonly kind: 'rejected';
  /** Why, for logs; the dead letter already carries it. */
  readonly reason: string;
}

/**
 * The host's answer for one message.
 *
 * | outcome       | plugin must                                             |
 * | ------------- | ------------------------------------------------------- |
 * | `accepted`    | acknowledge                                             |
 * | `retry-later` | not acknowledge; make it redeliverable soon; back off   |
 * | `rejected`    | acknowledge (the host stored a dead letter)             |
 */
export type SourceOutcome = AcceptedOutcome | RetryLaterOutcome | RejectedOutcome;

/** Whether the plugin acknowledges a message with this outcome: `accepted` and `rejected` yes, `retry-later` no. */
export function acknowledges(outcome: SourceOutcome): outcome is AcceptedOutcome | RejectedOutcome {
  return outcome.kind !== 'retry-later';
}

/** What the host hands a consumer in {@link SourceConsumer.start}: where messages go, and where failures go. */
export interface SourceSink {
  /**
   * Hands messages to the host, in the order the plugin wants them processed (Kafka: partition
   * order). Resolves with exactly one outcome per message, in the same order. Never rejects: the
   * host turns its own failures into `retry-later`.
   *
   * It may take a long time (the host appends to a durable log, and may be throttled): while a call
   * is pending the plugin must keep the messages leased (extend ack deadlines, visibility timeouts,
   * heartbeat the consumer group) so the broker does not hand them to anyone else.
   *
   * A plugin may have up to `workers` calls pending at once, never more, and must not pass a
   * message that is still pending in another call.
   */
  deliver(messages: readonly SourceMessage[]): Promise<SourceOutcome[]>;
  /**
   * Reports that the consumer cannot go on (the broker went away for good, credentials were
   * revoked, the subscription was deleted). The host then calls {@link SourceConsumer.stop} and,
   * after a back-off, creates a new consumer. Errors the plugin can ride out (its SDK retries them)
   * are logged, not reported.
   */
  fail(error: SourceError): void;
}

/**
 * A running subscription to one tenant's queue, topic or subscription. The host creates one per
 * source per worker process, calls `start` once, and `stop` once.
 */
export interface SourceConsumer {
  /**
   * Connects and starts pulling; messages go to `sink`. Resolves once pulling has begun. Rejects
   * with a {@link SourceError} when the consumer cannot start (bad config, refused credentials,
   * broker unreachable); the host then retries with back-off without calling `stop`. Problems that
   * only show later go to {@link SourceSink.fail}.
   */
  start(sink: SourceSink): Promise<void>;
  /**
   * Stops pulling, lets the `deliver` calls in flight settle, applies their outcomes (acks,
   * nacks, commits), then releases every connection. No `deliver` call starts once `stop` has been
   * called. Resolves with nothing in flight; every message not acknowledged stays in the broker for
   * the next consumer. Safe to call more than once, and after a failed `start`.
   */
  stop(): Promise<void>;
  /**
   * Optional: how many messages the broker still holds for this source, as the broker itself reports
   * it: SQS `ApproximateNumberOfMessages` (messages available to receive), a Kafka consumer group's lag
   * (end offsets less committed offsets, so handed over but not committed counts too). Resolves `null`
   * when the broker cannot tell now. Leave it out when the broker never tells; the host then reports
   * nothing for the source.
   *
   * The host calls it at most every few seconds (when metrics are scraped), only between `start` and
   * `stop`, and never waits long for it: it must not disturb pulling, and it may be approximate.
   * Exported as `caravan_source_lag_messages`.
   */
  backlog?(): Promise<number | null>;
}
