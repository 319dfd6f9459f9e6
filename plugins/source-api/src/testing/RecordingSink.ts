import type { SourceError } from '../errors.js';
import type { SourceMessage, SourceOutcome, SourceSink } from '../SourceConsumer.js';

/** Decides the outcome of one message; `sighting` is 1 the first time the test sees its id, 2 the next, … */
export type ConformanceAnswer = (message: SourceMessage, sighting: number) => SourceOutcome;

/** One message a {@link RecordingSink} answered. */
export interface RecordedDelivery {
  readonly message: SourceMessage;
  readonly outcome: SourceOutcome;
  /** Index of the `deliver` call it came in. */
  readonly call: number;
  readonly sighting: number;
}

export interface RecordingSinkOptions {
  /** Upper bound of concurrent `deliver` calls (the consumer's `workers`). */
  workers: number;
  /** Outcome per message; default: every message is accepted. */
  answer?: ConformanceAnswer;
  /** Awaited before a call is answered (index of the call, its messages, this sink): a slow host. */
  hold?: (call: number, messages: readonly SourceMessage[], sink: RecordingSink) => Promise<void>;
  /** Sightings per message id, shared by every sink of one test so restarts count on. */
  sightings?: Map<string, number>;
  /** Extra check per message; answers a problem or `undefined`. */
  check?: (message: SourceMessage) => string | undefined;
}

const accept: ConformanceAnswer = () => ({ kind: 'accepted' });

/**
 * A host stand-in that answers each message as told and records everything a conformance check
 * needs: every delivery with its outcome, call sizes, concurrency, and each breach of the contract
 * it can see by itself (`problems`): a call after `stop()`, too many calls at once, a message
 * delivered while still pending, a malformed message.
 */
export class RecordingSink implements SourceSink {
  readonly deliveries: RecordedDelivery[] = [];
  readonly callSizes: number[] = [];
  readonly problems: string[] = [];
  readonly failures: SourceError[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private stopRequested = false;
  private readonly pending = new Set<string>();
  private readonly sightings: Map<string, number>;

  constructor(private readonly options: RecordingSinkOptions) {
    this.sightings = options.sightings ?? new Map<string, number>();
  }

  /** Whether the test has called (or is about to call) the consumer's `stop()`. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Marks the consumer as stopping: from now on a `deliver` call is a breach of the contract. */
  requestStop(): void {
    this.stopRequested = true;
  }

  async deliver(messages: readonly SourceMessage[]): Promise<SourceOutcome[]> {
    if (this.stopRequested) this.problems.push('deliver() was called after stop()');
    if (messages.length === 0) this.problems.push('deliver() was called with no messages');
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.inFlight > this.options.workers)
      this.problems.push(
        `${this.inFlight} deliver() calls pending at once with workers = ${this.options.workers}`,
      );
    const call = this.callSizes.push(messages.length) - 1;
    for (const message of messages) {
      const problem = malformed(message) ?? this.options.check?.(message);
      if (problem) this.problems.push(problem);
      if (this.pending.has(message.id))
        this.problems.push(
          `message id ${message.id} was delivered again while its first delivery was pending`,
        );
      this.pending.add(message.id);
    }
    try {
      await this.options.hold?.(call, messages, this);
      const answer = this.options.answer ?? accept;
      return messages.map((message) => {
        const sighting = (this.sightings.get(message.id) ?? 0) + 1;
        this.sightings.set(message.id, sighting);
        const outcome = answer(message, sighting);
        this.deliveries.push({ message, outcome, call, sighting });
        return outcome;
      });
    } finally {
      for (const message of messages) this.pending.delete(message.id);
      this.inFlight -= 1;
    }
  }

  fail(error: SourceError): void {
    this.failures.push(error);
  }

  /** How many times this sink got the message with `id`. */
  count(id: string): number {
    return this.deliveries.filter((d) => d.message.id === id).length;
  }

  /** The deliveries of the message with `id`, in order. */
  deliveriesOf(id: string): RecordedDelivery[] {
    return this.deliveries.filter((d) => d.message.id === id);
  }

  /** Whether the message with `id` was answered `accepted` or `rejected` at least once. */
  settled(id: string): boolean {
    return this.deliveries.some((d) => d.message.id === id && d.outcome.kind !== 'retry-later');
  }
}

function malformed(message: SourceMessage): string | undefined {
  const { id, body, attributes, publishTime, deliveryAttempt } = message as Partial<SourceMessage>;
  if (typeof id !== 'string' || id === '' || id.length > 1024)
    return `message id ${String(id)} is not 1–1024 characters`;
  if (!(body instanceof Uint8Array)) return `message ${id}: body is not a Uint8Array`;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))
    return `message ${id}: attributes is not an object`;
  for (const [name, value] of Object.entries(attributes))
    if (typeof value !== 'string') return `message ${id}: attribute ${name} is not a string`;
  if (publishTime !== null && !(publishTime instanceof Date && !Number.isNaN(publishTime.getTime())))
    return `message ${id}: publishTime is neither null nor a valid Date`;
  if (deliveryAttempt !== undefined && !(Number.isInteger(deliveryAttempt) && deliveryAttempt >= 1))
    return `message ${id}: deliveryAttempt ${deliveryAttempt} is not an integer ≥ 1`;
  return undefined;
}
