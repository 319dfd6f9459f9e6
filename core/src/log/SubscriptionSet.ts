import { LogUnavailableError } from '../errors/index.js';
import type { Subscription } from './InternalLog.js';

/** A log adapter's own subscription object, before it is handed out. */
export interface AdapterSubscription {
  start(): Promise<void>;
  stop(options?: { graceMs?: number }): Promise<void>;
  assignedPartitions(): readonly number[];
  pause(): void;
  resume(): void;
}

/**
 * The live subscriptions of one log adapter (Kafka or SQL): started and handed out the same way,
 * stopped together when the log closes.
 */
export class SubscriptionSet<S extends AdapterSubscription> {
  private readonly live = new Set<S>();
  private closed = false;

  /** Throws once the log is closed: a closed log takes no new subscription. */
  assertOpen(): void {
    if (this.closed) throw new LogUnavailableError('The internal log is closed.');
  }

  /**
   * Starts `subscription` and hands out its {@link Subscription}. A start that fails stops what it
   * opened at once and throws `LogUnavailableError` with `failure` as its message.
   */
  async start(subscription: S, failure: string): Promise<Subscription> {
    try {
      await subscription.start();
    } catch (error) {
      await subscription.stop({ graceMs: 0 }).catch(() => undefined);
      throw new LogUnavailableError(failure, { cause: error });
    }
    this.live.add(subscription);
    return {
      assignedPartitions: () => subscription.assignedPartitions(),
      pause: () => subscription.pause(),
      resume: () => subscription.resume(),
      stop: async (stopOptions) => {
        await subscription.stop(stopOptions);
        this.live.delete(subscription);
      },
    };
  }

  values(): IterableIterator<S> {
    return this.live.values();
  }

  /** Stops every subscription (each finishing its records in hand within `graceMs`). */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live].map((s) => s.stop(options)));
    this.live.clear();
  }
}
