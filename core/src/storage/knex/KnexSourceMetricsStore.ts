import type { Database } from '../createDatabase.js';
import type { SourceCountsDelta, SourceMetricsStore, SourceTotals } from '../SourceMetricsStore.js';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';

interface MetricsRow {
  source_id: string;
  tenant_id: string;
  messages_received: number | string;
  events_accepted: number | string;
  messages_retried: number | string;
  messages_rejected: number | string;
  last_message_at: number | string | null;
}

/** Reads the counter columns of `source_metrics` (also when joined onto `sources`). */
export function toTotals(
  row: {
    [K in keyof MetricsRow]?: MetricsRow[K] | null | undefined;
  } & { source_id: string; tenant_id: string },
): SourceTotals {
  return {
    sourceId: row.source_id,
    tenantId: row.tenant_id,
    messagesReceived: Number(row.messages_received ?? 0),
    eventsAccepted: Number(row.events_accepted ?? 0),
    messagesRetried: Number(row.messages_retried ?? 0),
    messagesRejected: Number(row.messages_rejected ?? 0),
    lastMessageAt:
      row.last_message_at === null || row.last_message_at === undefined ? null : Number(row.last_message_at),
  };
}

/** {@link SourceMetricsStore} in `source_metrics`: increments in SQL, so concurrent workers add up. */
export class KnexSourceMetricsStore implements SourceMetricsStore {
  constructor(private readonly deps: { db: Database }) {}

  async add(deltas: readonly SourceCountsDelta[], now: number): Promise<void> {
    for (const d of deltas) {
      if (!(await this.increment(d, now))) {
        const exists = (await this.deps.db('sources').where({ id: d.sourceId }).select('id')).length > 0;
        if (!exists) continue;
        try {
          await this.deps.db('source_metrics').insert({
            source_id: d.sourceId,
            tenant_id: d.tenantId,
            messages_received: d.messagesReceived,
            events_accepted: d.eventsAccepted,
            messages_retried: d.messagesRetried,
            messages_rejected: d.messagesRejected,
            last_message_at: d.lastMessageAt,
            updated_at: now,
          });
        } catch (error) {
          // Another worker inserted the row first: add to it instead.
          if (!isDuplicateKeyError(error)) throw error;
          await this.increment(d, now);
        }
      }
    }
  }

  async all(): Promise<SourceTotals[]> {
    const rows = (await this.deps.db('source_metrics').select()) as MetricsRow[];
    return rows.map(toTotals);
  }

  private async increment(d: SourceCountsDelta, now: number): Promise<boolean> {
    const { db } = this.deps;
    const set: Record<string, unknown> = {
      messages_received: db.raw('messages_received + ?', [d.messagesReceived]),
      events_accepted: db.raw('events_accepted + ?', [d.eventsAccepted]),
      messages_retried: db.raw('messages_retried + ?', [d.messagesRetried]),
      messages_rejected: db.raw('messages_rejected + ?', [d.messagesRejected]),
      updated_at: now,
    };
    // The newest time wins; two workers flushing out of order never move it back.
    if (d.lastMessageAt !== null)
      set.last_message_at = db.raw(
        'CASE WHEN last_message_at IS NULL OR last_message_at < ? THEN ? ELSE last_message_at END',
        [d.lastMessageAt, d.lastMessageAt],
      );
    const n = await db('source_metrics').where({ source_id: d.sourceId }).update(set);
    return n > 0;
  }
}
