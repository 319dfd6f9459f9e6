/** Counts to add to one tenant's minute. */
export interface TenantStatsDelta {
  tenantId: string;
  /** Start of the minute (epoch ms, a multiple of 60 000). */
  minute: number;
  events: number;
  attemptsSucceeded: number;
  attemptsFailed: number;
}

/** One bucket of a tenant's counters. */
export interface TenantStatsBucket {
  /** Start of the bucket (epoch ms). */
  at: number;
  events: number;
  attemptsSucceeded: number;
  attemptsFailed: number;
}

/**
 * Per-tenant counters by minute: events stored by the router, attempts recorded by the dispatcher.
 * Adding increments the stored counts, so any number of processes add to the same minute. They are
 * statistics for charts, written after the pipeline's own commit: a process that dies between the two
 * loses its last counts, and nothing in delivery ever reads them.
 */
export interface TenantStatsStore {
  add(deltas: readonly TenantStatsDelta[]): Promise<void>;
  /**
   * The tenant's counts from `since` (inclusive) to `until` (exclusive), summed into buckets of
   * `bucketMs` aligned on `since`; buckets without a count are absent.
   */
  range(tenantId: string, since: number, until: number, bucketMs: number): Promise<TenantStatsBucket[]>;
}

export const MINUTE_MS = 60_000;

/** Sums counts into one delta per tenant and minute. */
export function collectStats(
  items: Iterable<{ tenantId: string; at: number; events?: number; succeeded?: number; failed?: number }>,
): TenantStatsDelta[] {
  const byKey = new Map<string, TenantStatsDelta>();
  for (const item of items) {
    const minute = item.at - (item.at % MINUTE_MS);
    const key = `${item.tenantId}/${minute}`;
    let delta = byKey.get(key);
    if (!delta) {
      delta = { tenantId: item.tenantId, minute, events: 0, attemptsSucceeded: 0, attemptsFailed: 0 };
      byKey.set(key, delta);
    }
    delta.events += item.events ?? 0;
    delta.attemptsSucceeded += item.succeeded ?? 0;
    delta.attemptsFailed += item.failed ?? 0;
  }
  return [...byKey.values()];
}
