import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { LimiterStore } from './LimiterStore.js';

/** The answer of {@link KeyedLimiter.take}. */
export type TakeResult = { allowed: true } | { allowed: false; msBeforeNext: number };

/** One limit as it stands now: `points` per `durationSeconds` (a whole number of seconds). */
export interface LimitSetting {
  points: number;
  durationSeconds: number;
}

/**
 * Counters for many keys (tenants, endpoints) whose limits may change at any time. rate-limiter-flexible
 * fixes `points` per limiter instance, so one instance is kept per setting; every instance of a name shares
 * the same counter keys, so a changed limit applies to the counter already running (in Redis, across
 * processes) from the next request on.
 */
export class KeyedLimiter {
  readonly #bySetting = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly store: LimiterStore,
    private readonly name: string,
  ) {}

  /** Counts `points` for `key`; refused: how long until the window lets them through. */
  async take(key: string, setting: LimitSetting, points = 1): Promise<TakeResult> {
    try {
      await this.#limiter(setting).consume(key, points);
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) return { allowed: false, msBeforeNext: error.msBeforeNext };
      throw error;
    }
  }

  /** Gives back `points` taken for a request that was not made after all. */
  async giveBack(key: string, setting: LimitSetting, points = 1): Promise<void> {
    await this.#limiter(setting).reward(key, points);
  }

  #limiter(setting: LimitSetting): RateLimiterAbstract {
    const id = `${setting.points}/${setting.durationSeconds}`;
    let limiter = this.#bySetting.get(id);
    if (!limiter) {
      limiter = this.store.limiter(this.name, setting.points, setting.durationSeconds);
      // Settings change rarely; a bound keeps a tenant that edits its limits in a loop from growing this.
      if (this.#bySetting.size >= 1_000) this.#bySetting.clear();
      this.#bySetting.set(id, limiter);
    }
    return limiter;
  }
}
