import type { EventFilter } from '../../domain/event.js';
import type { Database } from '../createDatabase.js';
import { newestFirst } from './newestFirst.js';
import type { EventRepository } from '../EventRepository.js';
import { toPage, type PageRequest } from '../Page.js';
import { ms } from './columns.js';
import { SUMMARY_COLUMNS, toEventSummary, toStoredEvent, type EventRow } from './eventRows.js';

/** {@link EventRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexEventRepository implements EventRepository {
  constructor(private readonly deps: { db: Database }) {}

  async existingIds(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.deps
      .db('events')
      .whereIn('id', [...new Set(ids)])
      .andWhere('tenant_id', tenantId)
      .select<{ id: string }[]>('id');
    return new Set(rows.map((r) => r.id));
  }

  async createdAtOf(tenantId: string, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps
      .db('events')
      .whereIn('id', [...new Set(ids)])
      .andWhere('tenant_id', tenantId)
      .select<{ id: string; created_at: number | string }[]>('id', 'created_at');
    return new Map(rows.map((r) => [r.id, ms(r.created_at)]));
  }

  async get(tenantId: string, id: string) {
    const row = (await this.deps.db('events').where({ tenant_id: tenantId, id }).first()) as
      EventRow | undefined;
    return row && toStoredEvent(row);
  }

  async list(tenantId: string, filter: EventFilter, { limit, cursor }: PageRequest) {
    const q = this.deps
      .db('events')
      .select(...SUMMARY_COLUMNS)
      .where('tenant_id', tenantId);
    if (filter.eventType !== undefined) void q.andWhere('event_type', filter.eventType);
    if (filter.ownerId !== undefined) void q.andWhere('owner_id', filter.ownerId);
    if (filter.since !== undefined) void q.andWhere('created_at', '>=', filter.since);
    if (filter.until !== undefined) void q.andWhere('created_at', '<', filter.until);
    const rows = (await newestFirst(q, cursor, limit)) as Omit<EventRow, 'payload'>[];
    return toPage(rows, limit, toEventSummary, (r) => ({ value: Number(r.created_at), id: r.id }));
  }
}
