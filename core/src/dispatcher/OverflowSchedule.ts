import type { Clock } from '../domain/Clock.js';

export interface OverflowScheduleOptions {
  clock: Clock;
  /** The earliest a parked delivery comes back (default 2 s). */
  minDelayMs?: number;
  /** The latest (default 5 min): a bound on how far a wrong pace estimate can push deliveries back. */
  maxDelayMs?: number;
  /** The pace assumed for a tenant before any of its deliveries completed (default 250/s). */
  initialPerSecond?: number;
}

interface Pace {
  /** When the next parked delivery of the tenant is due. */
  horizon: number;
  perSecond: number;
  done: number;
  since: number;
}

const MAX_TENANTS = 10_000;

/**
 * When to bring back the deliveries a tenant has beyond its in-hand bound: spaced at the pace this process
 * completes the tenant's deliveries, so a 100,000-delivery backlog comes back about as fast as it can be
 * sent instead of all of it every few seconds (each return costs a log append and a database write).
 */
export class OverflowSchedule {
  readonly #tenants = new Map<string, Pace>();
  readonly #minDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #initial: number;

  constructor(private readonly options: OverflowScheduleOptions) {
    this.#minDelayMs = options.minDelayMs ?? 2_000;
    this.#maxDelayMs = Math.max(this.#minDelayMs, options.maxDelayMs ?? 300_000);
    this.#initial = options.initialPerSecond ?? 250;
  }

  /** One of the tenant's deliveries finished here (sent or parked by a gate). */
  completed(tenantId: string): void {
    const now = this.options.clock.now();
    const pace = this.#pace(tenantId, now);
    pace.done++;
    const elapsed = now - pace.since;
    if (elapsed >= 1_000) {
      // Half the last second, half the history: follows an endpoint that speeds up or slows down.
      pace.perSecond = (pace.perSecond + (pace.done * 1_000) / elapsed) / 2;
      pace.done = 0;
      pace.since = now;
    }
  }

  /** When the tenant's next delivery over the bound is to come back (epoch ms). */
  parkUntil(tenantId: string): number {
    const now = this.options.clock.now();
    const pace = this.#pace(tenantId, now);
    const until = Math.min(Math.max(pace.horizon, now + this.#minDelayMs), now + this.#maxDelayMs);
    pace.horizon = until + 1_000 / Math.max(1, pace.perSecond);
    return Math.round(until);
  }

  #pace(tenantId: string, now: number): Pace {
    let pace = this.#tenants.get(tenantId);
    if (!pace) {
      pace = { horizon: 0, perSecond: this.#initial, done: 0, since: now };
      if (this.#tenants.size >= MAX_TENANTS) {
        const oldest = this.#tenants.keys().next();
        if (!oldest.done) this.#tenants.delete(oldest.value);
      }
      this.#tenants.set(tenantId, pace);
    }
    return pace;
  }
}
