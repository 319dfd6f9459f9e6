import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { systemClock, type Clock } from '../domain/Clock.js';
import type { LimiterStore } from './LimiterStore.js';

/**
 * The answer of {@link KeyedLimiter.take}: `remaining` is what this key may still take in the current
 * window as far as this process knows (its own reserved tokens plus what the store had left at its last
 * reservation), `msBeforeNext` how long until the window ends.
 */
export type TakeResult =
  | { allowed: true; remaining: number; msBeforeNext: number }
  | { allowed: false; remaining: 0; msBeforeNext: number };

/** One limit as it stands now: `points` per `durationSeconds` (a whole number of seconds). */
export interface LimitSetting {
  points: number;
  durationSeconds: number;
}

export interface KeyedLimiterOptions {
  /** The clock windows are counted on (default: the system clock). */
  clock?: Clock;
  /** Keys whose buckets are kept at once (default 10,000); the least recently used go first. */
  maxKeys?: number;
}

/** The part of a window this process holds for one key. */
interface Bucket {
  durationMs: number;
  /** Index of the window (`floor(now / durationMs)`) the tokens belong to. */
  window: number;
  /** Reserved from the store for this window and not taken yet. */
  tokens: number;
  /** Taken here in this window: a key that is busy here reserves ahead. */
  taken: number;
  /** Taken here in the window just before; `null` when this process did not see that window. */
  previousTaken: number | null;
  /** The window's count in the store after this process's last reservation (every process's). */
  counted: number;
  /** The store had nothing left for the window when the limit was this many points. */
  exhaustedAt: number | null;
  reserving: Promise<void> | null;
}

// A shared window is reserved in blocks of at most this part of the limit: about what one process can hold
// unused when the window ends (what another process could not have), for one store round trip per block.
const BLOCK_DIVISOR = 20;
// The store's counters only need to count (grants are decided here), so no limit of its own ever refuses.
const UNBOUNDED = 2 ** 31 - 1;

/**
 * Fixed-window limits for many keys (tenants, endpoints, API keys) whose settings may change at any time,
 * held across processes without a store round trip per request: each process reserves tokens from the
 * window's shared counter in the {@link LimiterStore} (rate-limiter-flexible on Redis, or in memory) a
 * block at a time, takes them locally, and reserves the next block in the background while a key is busy.
 *
 * Windows are aligned to the clock (`floor(now / duration)`), so every process counts the same window
 * under the same store key. A reservation is granted only what is left below the limit (the surplus is
 * given back to the counter), so the tokens granted for a window never add up to more than the limit,
 * whatever the number of processes; the unused rest of a block lapses with its window. Once the store has
 * nothing left, the key is refused here without asking again until the window ends or the limit is raised.
 */
export class KeyedLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #counters = new Map<number, RateLimiterAbstract>();
  readonly #clock: Clock;
  readonly #maxKeys: number;

  constructor(
    private readonly store: LimiterStore,
    private readonly name: string,
    options: KeyedLimiterOptions = {},
  ) {
    this.#clock = options.clock ?? systemClock;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /**
   * Takes `points` for `key` if the window has them; refused: how long until the window ends. `at` is the
   * time to count the request at (default: the clock's now). Rejects only when the store cannot be reached
   * and this process holds too few tokens to answer alone.
   */
  async take(key: string, setting: LimitSetting, points = 1, at?: number): Promise<TakeResult> {
    for (;;) {
      const now = at ?? this.#clock.now();
      const bucket = this.#bucket(key, setting, now);
      const msBeforeNext = (bucket.window + 1) * bucket.durationMs - now;
      if (bucket.tokens >= points) {
        bucket.tokens -= points;
        bucket.taken += points;
        this.#reserveAhead(key, setting, bucket);
        return { allowed: true, remaining: this.#remaining(bucket, setting), msBeforeNext };
      }
      if (bucket.exhaustedAt !== null && setting.points <= bucket.exhaustedAt) {
        return { allowed: false, remaining: 0, msBeforeNext };
      }
      bucket.exhaustedAt = null;
      if (bucket.reserving) await bucket.reserving;
      else
        await this.#reserve(
          key,
          setting,
          bucket,
          Math.max(points - bucket.tokens, this.#block(setting, bucket)),
        );
    }
  }

  /** Gives back `points` taken for a request that was not made after all (within the same window). */
  giveBack(key: string, setting: LimitSetting, points = 1, now = this.#clock.now()): void {
    const bucket = this.#buckets.get(key);
    if (bucket?.durationMs !== windowMs(setting) || bucket.window !== windowOf(now, bucket.durationMs))
      return;
    bucket.tokens += points;
    bucket.taken -= points;
  }

  #bucket(key: string, setting: LimitSetting, now: number): Bucket {
    const durationMs = windowMs(setting);
    const window = windowOf(now, durationMs);
    const current = this.#buckets.get(key);
    // A request counted at a time just before the window this process has moved on to (its `now` was
    // taken a moment ago) is counted in the newer window rather than going back to the older one.
    if (current && current.durationMs === durationMs && current.window >= window) return current;
    const previous = current?.durationMs === durationMs && current.window === window - 1 ? current : null;
    const fresh: Bucket = {
      durationMs,
      window,
      tokens: 0,
      taken: 0,
      previousTaken: previous ? previous.taken : null,
      counted: 0,
      exhaustedAt: null,
      reserving: null,
    };
    // Re-inserted at each new window, so the map's order is least recently used first.
    this.#buckets.delete(key);
    this.#buckets.set(key, fresh);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (!oldest.done) this.#buckets.delete(oldest.value);
    }
    return fresh;
  }

  /**
   * Tokens reserved per trip to the store: one at a time in memory (nothing to save); in Redis a tenth of
   * what this process took in the window before (a quiet process holds little it may not use), at most a
   * twentieth of the limit, and that much when this process has no history for the key.
   */
  #block(setting: LimitSetting, bucket: Bucket): number {
    if (this.store.kind === 'memory') return 1;
    const most = Math.max(1, Math.floor(setting.points / BLOCK_DIVISOR));
    if (bucket.previousTaken === null) return most;
    return Math.min(most, Math.max(1, Math.ceil(bucket.previousTaken / 10)));
  }

  /**
   * A key busy here (a block taken in this window) reserves its next block before it runs out, so its
   * requests find tokens in hand; an idle key reserves nothing it may not use.
   */
  #reserveAhead(key: string, setting: LimitSetting, bucket: Bucket): void {
    if (this.store.kind === 'memory' || bucket.reserving || bucket.exhaustedAt !== null) return;
    const block = this.#block(setting, bucket);
    if (bucket.taken < block || bucket.tokens > block / 2) return;
    // A failure here costs nothing: the next request that finds too few tokens asks again, and fails then.
    this.#reserve(key, setting, bucket, block).catch(() => undefined);
  }

  #reserve(key: string, setting: LimitSetting, bucket: Bucket, wanted: number): Promise<void> {
    const counter = this.#counter(bucket.durationMs);
    const storeKey = `${key}@${bucket.window}`;
    const reserving = (async () => {
      const res = await counter.consume(storeKey, wanted);
      const before = res.consumedPoints - wanted;
      const granted = Math.max(0, Math.min(wanted, setting.points - before));
      // Handing the surplus back keeps the counter at what was granted, so a raised limit finds it true.
      if (granted < wanted) counter.reward(storeKey, wanted - granted).catch(() => undefined);
      bucket.tokens += granted;
      bucket.counted = Math.max(bucket.counted, before + granted);
      if (granted < wanted) bucket.exhaustedAt = setting.points;
    })();
    const settled = reserving.finally(() => {
      if (bucket.reserving === settled) bucket.reserving = null;
    });
    bucket.reserving = settled;
    return settled;
  }

  #remaining(bucket: Bucket, setting: LimitSetting): number {
    if (bucket.exhaustedAt !== null) return bucket.tokens;
    return Math.max(0, setting.points - bucket.counted) + bucket.tokens;
  }

  #counter(durationMs: number): RateLimiterAbstract {
    let counter = this.#counters.get(durationMs);
    if (!counter) {
      // Kept for two windows: a process whose clock is a little behind still counts into the right one.
      counter = this.store.limiter(this.name, UNBOUNDED, (2 * durationMs) / 1000);
      this.#counters.set(durationMs, counter);
    }
    return counter;
  }
}

function windowMs(setting: LimitSetting): number {
  return Math.max(1, Math.round(setting.durationSeconds)) * 1000;
}

function windowOf(now: number, durationMs: number): number {
  return Math.floor(now / durationMs);
}
