import type { Clock } from '../domain/Clock.js';
import type { TenantLimits } from '../domain/tenant.js';

export interface TenantLimitsCacheOptions {
  /** Reads a tenant's limits from storage; `undefined` when the tenant does not exist. */
  load: (tenantId: string) => Promise<TenantLimits | undefined>;
  clock: Clock;
  /** How long loaded limits are used before they are read again (default 5 s): the delay before an edit applies. */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * A tenant's limits, read at most once per `ttlMs`, so a limit is checked on every delivery without a
 * database read each time. Concurrent lookups share one load; a failed load is not kept.
 */
export class TenantLimitsCache {
  readonly #entries = new Map<string, { loadedAt: number; value: Promise<TenantLimits | undefined> }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(private readonly options: TenantLimitsCacheOptions) {
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  get(tenantId: string): Promise<TenantLimits | undefined> {
    const now = this.options.clock.now();
    const cached = this.#entries.get(tenantId);
    if (cached && now >= cached.loadedAt && now - cached.loadedAt < this.#ttlMs) return cached.value;
    const entry = { loadedAt: now, value: this.options.load(tenantId) };
    this.#entries.delete(tenantId);
    this.#entries.set(tenantId, entry);
    entry.value.catch(() => {
      if (this.#entries.get(tenantId) === entry) this.#entries.delete(tenantId);
    });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return entry.value;
  }
}
