import type { Clock } from '../domain/Clock.js';

/** The topic an ingest appends to: the router's main topic, or the one it reads at a share. */
export type IngestTopic = 'events' | 'events-overflow';

export interface IngestLaneOptions {
  clock: Clock;
  /** Events per second a tenant sends through this process on `events`; beyond it, `events-overflow`. */
  eventsPerSecond: number;
  /** Events a tenant may send at once on `events` after a quiet spell (default a second's worth). */
  burst?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Past this many tenants, buckets that are full again are forgotten. */
const SWEEP_ABOVE = 10_000;

/**
 * Which topic a publish goes to. A tenant's events go to `events` at up to `eventsPerSecond` (a token
 * bucket per tenant, in this process); a flood beyond it goes straight to `events-overflow`. The router
 * reads `events` first and `events-overflow` at a share (what the main topic leaves), so a flood never
 * queues in front of a quiet tenant's events in a shared partition: the router would otherwise see the
 * quiet tenant only once it had routed, or moved aside, everything ahead of it. A lone tenant loses
 * nothing: with `events` idle, the router reads `events-overflow` at full speed.
 */
export class IngestLane {
  readonly #buckets = new Map<string, Bucket>();
  readonly #rate: number;
  readonly #burst: number;

  constructor(private readonly options: IngestLaneOptions) {
    this.#rate = options.eventsPerSecond;
    this.#burst = options.burst ?? options.eventsPerSecond;
    if (!(this.#rate > 0) || !(this.#burst >= 1)) {
      throw new RangeError(
        `eventsPerSecond and burst must be positive, got ${this.#rate} and ${this.#burst}`,
      );
    }
  }

  /** The topic for `count` events of `tenantId` published now; a batch goes whole to one topic. */
  topicFor(tenantId: string, count: number): IngestTopic {
    const now = this.options.clock.now();
    let bucket = this.#buckets.get(tenantId);
    if (bucket) this.#refill(bucket, now);
    else {
      if (this.#buckets.size >= SWEEP_ABOVE) this.#sweep(now);
      bucket = { tokens: this.#burst, at: now };
      this.#buckets.set(tenantId, bucket);
    }
    // A batch larger than the burst goes to `events` only from a full bucket, so it is never refused
    // the main topic for good; it then leaves the bucket in debt.
    if (bucket.tokens >= Math.min(count, this.#burst)) {
      bucket.tokens -= count;
      return 'events';
    }
    return 'events-overflow';
  }

  #refill(bucket: Bucket, now: number): void {
    const elapsed = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.#burst, bucket.tokens + elapsed * this.#rate);
    bucket.at = now;
  }

  #sweep(now: number): void {
    for (const [tenantId, bucket] of this.#buckets) {
      this.#refill(bucket, now);
      if (bucket.tokens >= this.#burst) this.#buckets.delete(tenantId);
    }
  }
}
