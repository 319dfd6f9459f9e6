import type { OperationalEvent } from '../domain/operationalEvent.js';

export type BreakerRowState = 'closed' | 'open' | 'half_open';

/** One endpoint's breaker as stored (`endpoint_breakers`). */
export interface BreakerRow {
  endpointId: string;
  tenantId: string;
  state: BreakerRowState;
  openedAt: number | null;
  /** Open: when a probe may go. Half-open: when the claimed probe's lease ends. */
  nextProbeAt: number | null;
  consecutiveFailures: number;
  failedProbes: number;
  /** Window figures last flushed (`[bucketStart, successes, failures]`). */
  window: [number, number, number][];
  lastError: string | null;
}

/** Identifies an endpoint and carries what an operational event about it reports. */
export interface BreakerEndpoint {
  tenantId: string;
  endpointId: string;
}

/**
 * Shared circuit-breaker state of endpoints. Every state change is a conditional update on the row
 * (compare-and-set), so several dispatchers agree on who opened, probed or closed a breaker, and the
 * operational event of a change is stored in the same transaction, exactly once.
 */
export interface BreakerStore {
  get(endpointId: string): Promise<BreakerRow | undefined>;
  /** Per tenant, how many endpoints' breakers are open or half-open (tenants with none are absent). */
  openCounts(): Promise<{ tenantId: string; count: number }[]>;
  /** closed (or no row) → open until `nextProbeAt`; `false` when another writer changed it first. */
  open(
    target: BreakerEndpoint,
    change: { now: number; nextProbeAt: number; lastError: string | null },
    event: (row: { nextProbeAt: number }) => OperationalEvent,
  ): Promise<boolean>;
  /** open/half_open with `next_probe_at = expected` → half_open with the probe's lease; `false` if taken. */
  claimProbe(endpointId: string, expected: number, leaseUntil: number, now: number): Promise<boolean>;
  /** The claimed probe failed: back to open until `nextProbeAt`, one more failed probe. */
  probeFailed(endpointId: string, lease: number, nextProbeAt: number, now: number): Promise<boolean>;
  /** The claimed probe succeeded: closed, figures reset, `event` stored with the change. */
  close(endpointId: string, lease: number, now: number, event: () => OperationalEvent): Promise<boolean>;
  /** Stores window figures of a closed breaker (creating its row), without touching its state. */
  saveFigures(
    target: BreakerEndpoint,
    figures: { window: [number, number, number][]; consecutiveFailures: number; lastError: string | null },
    now: number,
  ): Promise<void>;

  /** Sets `failing_since` to `at` unless already set; returns the value now stored. */
  markFailing(target: BreakerEndpoint, at: number): Promise<number | null>;
  /** Clears `failing_since`. */
  clearFailing(target: BreakerEndpoint): Promise<void>;
  /**
   * Disables the endpoint (`continuous_failure`) if it is not disabled and has been failing since
   * `failingSinceAtMost` or earlier; settles its unsent deliveries like a 410 does and stores `event`.
   */
  disableFailing(
    target: BreakerEndpoint,
    failingSinceAtMost: number,
    now: number,
    event: (endpoint: { ownerId: string | null; failingSince: number }) => OperationalEvent,
  ): Promise<boolean>;
}
