/** Counts of one source's messages, by what the host answered the broker. */
export interface SourceCounts {
  messagesReceived: number;
  eventsAccepted: number;
  messagesRetried: number;
  messagesRejected: number;
}

/** Counts to add for one source, gathered since the last flush. */
export interface SourceCountsDelta extends SourceCounts {
  sourceId: string;
  tenantId: string;
  /** Newest message received in this period, or `null`. */
  lastMessageAt: number | null;
}

/** Totals of one source, as the API and the metrics endpoint show them. */
export interface SourceTotals extends SourceCounts {
  sourceId: string;
  tenantId: string;
  lastMessageAt: number | null;
}

/**
 * Persistent per-source counters. Several workers may add to the same source (one after a takeover,
 * both for a moment during one), so a flush adds to the stored totals and never overwrites them.
 */
export interface SourceMetricsStore {
  /** Adds every delta to its source's totals; a source deleted meanwhile is skipped. */
  add(deltas: readonly SourceCountsDelta[], now: number): Promise<void>;
  /** The totals of every source that counted anything, for the metrics endpoint. */
  all(): Promise<SourceTotals[]>;
}

export const zeroCounts = (): SourceCounts => ({
  messagesReceived: 0,
  eventsAccepted: 0,
  messagesRetried: 0,
  messagesRejected: 0,
});
