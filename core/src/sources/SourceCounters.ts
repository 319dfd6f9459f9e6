import type { SourceOutcome } from '@caravan/source-api';
import type { SourceCountsDelta, SourceMetricsStore } from '../storage/SourceMetricsStore.js';

/**
 * Per-source message counts of one worker process since its last flush. Counting is in memory (one
 * `deliver` call at a time, no I/O on the hot path); `flush` adds them to the stored totals and keeps
 * them for the next flush if the database refuses, so a failed flush loses no count.
 */
export class SourceCounters {
  private pending = new Map<string, SourceCountsDelta>();

  constructor(private readonly store: Pick<SourceMetricsStore, 'add'>) {}

  /** Counts the answers to one `deliver` call of a source. */
  record(source: { id: string; tenantId: string }, outcomes: readonly SourceOutcome[], at: number): void {
    if (outcomes.length === 0) return;
    const d = this.delta(source.id, source.tenantId);
    d.messagesReceived += outcomes.length;
    for (const outcome of outcomes) {
      if (outcome.kind === 'accepted') d.eventsAccepted++;
      else if (outcome.kind === 'rejected') d.messagesRejected++;
      else d.messagesRetried++;
    }
    d.lastMessageAt = Math.max(d.lastMessageAt ?? 0, at);
  }

  /** Adds what was counted since the last flush to the stored totals. */
  async flush(now: number): Promise<void> {
    if (this.pending.size === 0) return;
    const taken = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.store.add(taken, now);
    } catch (error) {
      for (const d of taken) this.merge(d);
      throw error;
    }
  }

  private delta(sourceId: string, tenantId: string): SourceCountsDelta {
    let d = this.pending.get(sourceId);
    if (!d) {
      d = {
        sourceId,
        tenantId,
        messagesReceived: 0,
        eventsAccepted: 0,
        messagesRetried: 0,
        messagesRejected: 0,
        lastMessageAt: null,
      };
      this.pending.set(sourceId, d);
    }
    return d;
  }

  private merge(from: SourceCountsDelta): void {
    const d = this.delta(from.sourceId, from.tenantId);
    d.messagesReceived += from.messagesReceived;
    d.eventsAccepted += from.eventsAccepted;
    d.messagesRetried += from.messagesRetried;
    d.messagesRejected += from.messagesRejected;
    if (from.lastMessageAt !== null) d.lastMessageAt = Math.max(d.lastMessageAt ?? 0, from.lastMessageAt);
  }
}
