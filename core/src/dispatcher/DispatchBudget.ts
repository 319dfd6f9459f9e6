import type { Clock } from '../domain/Clock.js';

export interface DispatchBudgetOptions {
  /** Bytes of queued and running work this process holds at most before it spills (default 32 MiB). */
  budgetBytes: number;
  clock: Clock;
  /**
   * A tenant counts as waiting while it has work in hand or its records arrived within this long
   * (default 5 s): another tenant's records may sit behind a backlog in the same partition, out of sight.
   */
  activeTenantMs?: number;
}

// Bounds memory: tenants not seen for `activeTenantMs` are forgotten past this many.
const MAX_SEEN = 10_000;

/**
 * The dispatcher's memory credits: bytes of work in hand (queued, running, held on a timer, waiting for
 * its write) per tenant and in total, against one budget per process. It answers the questions flow
 * control asks: is there room, is another tenant waiting, who is the heaviest tenant. Waiters for room
 * are woken whenever bytes are released.
 */
export class DispatchBudget {
  readonly #byTenant = new Map<string, number>();
  /** Bytes this process spilled per tenant and has not read back yet: its backlog on the log. */
  readonly #spilled = new Map<string, number>();
  readonly #seen = new Map<string, number>();
  readonly #roomWaiters = new Set<() => void>();
  readonly #activeMs: number;
  #used = 0;

  constructor(private readonly options: DispatchBudgetOptions) {
    if (!Number.isInteger(options.budgetBytes) || options.budgetBytes < 1) {
      throw new RangeError(`budgetBytes must be a positive integer, got ${options.budgetBytes}`);
    }
    this.#activeMs = options.activeTenantMs ?? 5_000;
  }

  get budgetBytes(): number {
    return this.options.budgetBytes;
  }

  /** Bytes in hand now. */
  get used(): number {
    return this.#used;
  }

  /** Bytes one tenant has in hand. */
  of(tenantId: string): number {
    return this.#byTenant.get(tenantId) ?? 0;
  }

  /** Whether `bytes` more still fit under the budget. */
  fits(bytes: number): boolean {
    return this.#used + bytes <= this.options.budgetBytes;
  }

  /** Whether the budget has any room left (what a consumer waiting for room waits for). */
  hasRoom(): boolean {
    return this.#used < this.options.budgetBytes;
  }

  /** A record of the tenant arrived (queued or not): it counts as waiting for `activeTenantMs`. */
  noteArrival(tenantId: string): void {
    const now = this.options.clock.now();
    if (this.#seen.size >= MAX_SEEN) {
      for (const [id, at] of this.#seen) if (now - at > this.#activeMs) this.#seen.delete(id);
    }
    this.#seen.delete(tenantId);
    this.#seen.set(tenantId, now);
  }

  /** Whether a tenant other than `tenantId` has work in hand or had records arrive lately. */
  othersWaiting(tenantId: string): boolean {
    for (const id of this.#byTenant.keys()) if (id !== tenantId) return true;
    const since = this.options.clock.now() - this.#activeMs;
    for (const [id, at] of this.#seen) if (id !== tenantId && at >= since) return true;
    return false;
  }

  /**
   * The heaviest tenant among those holding bytes: the most in hand plus what it has spilled and not read
   * back yet, counting `extra` bytes more for `extraFor`. Counting the spilled backlog keeps a tenant
   * whose surplus already waits on the log the one to spill, rather than a lighter tenant that merely
   * has more in hand right now (its records would wait in the overflow topic behind the backlog).
   */
  heaviest(extraFor?: string, extra = 0): string | undefined {
    let heaviest: string | undefined;
    let most = -1;
    const candidates = new Set(this.#byTenant.keys());
    if (extraFor !== undefined) candidates.add(extraFor);
    for (const id of candidates) {
      const bytes = this.of(id) + (this.#spilled.get(id) ?? 0) + (id === extraFor ? extra : 0);
      if (bytes > most) [heaviest, most] = [id, bytes];
    }
    return heaviest;
  }

  /** The tenant holding the most bytes in hand now, whatever it spilled. */
  heaviestInHand(): string | undefined {
    let heaviest: string | undefined;
    let most = -1;
    for (const [id, bytes] of this.#byTenant) if (bytes > most) [heaviest, most] = [id, bytes];
    return heaviest;
  }

  /** Bytes of the tenant were spilled to the overflow topic. */
  noteSpilled(tenantId: string, bytes: number): void {
    if (this.#spilled.size >= MAX_SEEN) this.#spilled.clear();
    this.#spilled.set(tenantId, (this.#spilled.get(tenantId) ?? 0) + bytes);
  }

  /** Bytes of the tenant were read back from the overflow topic (spilled here or by another process). */
  noteReadBack(tenantId: string, bytes: number): void {
    const left = (this.#spilled.get(tenantId) ?? 0) - bytes;
    if (left > 0) this.#spilled.set(tenantId, left);
    else this.#spilled.delete(tenantId);
  }

  take(tenantId: string, bytes: number): void {
    this.#byTenant.set(tenantId, this.of(tenantId) + bytes);
    this.#used += bytes;
  }

  release(tenantId: string, bytes: number): void {
    const left = this.of(tenantId) - bytes;
    if (left > 0) this.#byTenant.set(tenantId, left);
    else this.#byTenant.delete(tenantId);
    this.#used = Math.max(0, this.#used - bytes);
    if (this.hasRoom()) for (const wake of [...this.#roomWaiters]) wake();
  }

  /** Resolves once the budget has room, or when `abort` resolves first. */
  async whenRoom(abort: Promise<unknown>): Promise<void> {
    if (this.hasRoom()) return;
    let wake!: () => void;
    const room = new Promise<void>((resolve) => (wake = resolve));
    this.#roomWaiters.add(wake);
    try {
      await Promise.race([room, abort]);
    } finally {
      this.#roomWaiters.delete(wake);
    }
  }

  /** Consumers waiting for room now. */
  get waiting(): number {
    return this.#roomWaiters.size;
  }
}
