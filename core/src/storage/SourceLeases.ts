import type { StoredSource } from './SourceRepository.js';

/** A lease this worker holds; `token` fences renewals and releases against a newer holder. */
export interface HeldLease {
  sourceId: string;
  token: number;
}

/** What a worker may claim, and the figures its fair share is computed from. */
export interface ClaimableSources {
  /** Live (not paused) sources with no live lease. */
  sources: StoredSource[];
  /** Workers alive: a live heartbeat or a live lease, and this one. */
  liveWorkers: number;
  /** Live (not paused) sources, leased or not. */
  active: number;
  /** Live leases per live worker (0 for a worker that holds none). */
  loads: Map<string, number>;
}

/**
 * One worker process's expiring leases on sources, so each source is consumed by one worker at a time
 * and a dead worker's sources move once its leases expire. Every write is a compare-and-set on the
 * holder and the fencing token: a worker that paused past its expiry cannot renew a lease taken over
 * meanwhile. Bound to one worker id and lease length (see `Storage.sourceLeases`).
 */
export interface SourceLeases {
  /** How long a claim or renewal lasts; a holder renews every third of it. */
  readonly leaseMs: number;
  /** Marks this worker alive until `now + leaseMs`, so the others count it even while it holds nothing. */
  heartbeat(now: number): Promise<void>;
  /** Removes this worker's heartbeat, so the others stop counting it at once. */
  leave(): Promise<void>;
  claimable(now: number): Promise<ClaimableSources>;
  /** Takes the lease of an unleased or expired source; `undefined` when another worker got it first. */
  claim(sourceId: string, now: number): Promise<HeldLease | undefined>;
  /** Extends a held lease; `false` when it was lost (expired and taken over, or the source deleted). */
  renew(lease: HeldLease, now: number): Promise<boolean>;
  /** Gives a lease back at once, so another worker may take the source without waiting for expiry. */
  release(lease: HeldLease): Promise<void>;
  /** The current rows of the given sources (missing ones were deleted). */
  sources(ids: readonly string[]): Promise<Map<string, StoredSource>>;
  /** Records the consumer's latest error (`null` clears it) without touching `updated_at` or `version`. */
  setLastError(sourceId: string, error: { code: string; message: string; at: number } | null): Promise<void>;
}
