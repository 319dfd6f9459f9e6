import type { Knex } from 'knex';
import type { EndpointStatus } from '../../domain/endpoint.js';
import type { EndpointFilter } from '../../domain/endpointFilter.js';
import type { StoredEvent } from '../../domain/event.js';
import { isMysql, type Database } from '../createDatabase.js';
import type { NewDelivery, RoutableEndpoint, RoutingRepository } from '../RoutingRepository.js';
import { chunkRows } from './columns.js';
import { eventToRow, type EventRow } from './eventRows.js';
import { insertIgnoringSqlite } from './sqliteRoutingInsert.js';

// MySQL multi-row inserts are split so one statement stays well inside max_allowed_packet (16 MiB by
// default on MariaDB); one larger payload goes alone.
const EVENT_ROWS_PER_INSERT = 100;
const EVENT_BYTES_PER_INSERT = 4 * 1024 * 1024;
const DELIVERY_ROWS_PER_INSERT = 500;

interface EndpointRow {
  id: string;
  tenant_id: string;
  owner_id: string | null;
  event_types: string;
  filter: string | null;
  status: EndpointStatus;
}

/** {@link RoutingRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexRoutingRepository implements RoutingRepository {
  constructor(private readonly deps: { db: Database }) {}

  async tenantEndpoints(tenantId: string): Promise<RoutableEndpoint[]> {
    const rows = await this.deps
      .db('endpoints')
      .where({ tenant_id: tenantId })
      .select<EndpointRow[]>('id', 'tenant_id', 'owner_id', 'event_types', 'filter', 'status');
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      ownerId: r.owner_id,
      eventTypes: JSON.parse(r.event_types) as string[],
      filter: r.filter === null ? null : (JSON.parse(r.filter) as EndpointFilter),
      status: r.status,
    }));
  }

  async endpointStatuses(tenantId: string, ids: readonly string[]) {
    if (ids.length === 0) return new Map<string, EndpointStatus>();
    const rows = await this.deps
      .db('endpoints')
      .where({ tenant_id: tenantId })
      .whereIn('id', [...new Set(ids)])
      .select<{ id: string; status: EndpointStatus }[]>('id', 'status');
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  async persistedEvents(ids: readonly string[]) {
    const found = new Map<string, { tenantId: string; createdAt: number }>();
    if (ids.length === 0) return found;
    const rows = await this.deps
      .db('events')
      .whereIn('id', [...new Set(ids)])
      .select<{ id: string; tenant_id: string; created_at: number | string }[]>(
        'id',
        'tenant_id',
        'created_at',
      );
    for (const r of rows) found.set(r.id, { tenantId: r.tenant_id, createdAt: Number(r.created_at) });
    return found;
  }

  async insert(events: readonly StoredEvent[], deliveries: readonly NewDelivery[]): Promise<void> {
    if (events.length === 0 && deliveries.length === 0) return;
    // One transaction, so an event shows with its deliveries. SQLite: one synchronous transaction (see
    // insertIgnoringSqlite). MySQL: a knex transaction with a few multi-row statements.
    if (!isMysql(this.deps.db)) {
      await insertIgnoringSqlite(this.deps.db, [
        { table: 'events', rows: events.map(eventToRow) },
        { table: 'deliveries', rows: deliveries.map(deliveryRow) },
      ]);
      return;
    }
    await this.deps.db.transaction(async (trx) => {
      for (const chunk of eventChunks(events)) await insertIgnoring(trx, 'events', chunk);
      const rows = deliveries.map(deliveryRow);
      for (let i = 0; i < rows.length; i += DELIVERY_ROWS_PER_INSERT) {
        await insertIgnoring(trx, 'deliveries', rows.slice(i, i + DELIVERY_ROWS_PER_INSERT));
      }
    });
  }
}

// `insert … on conflict do nothing` on SQLite, `insert ignore` on MySQL: a row whose id exists (a
// record processed again) is skipped, and so is a later row repeating an id within the statement.
async function insertIgnoring(
  db: Knex | Knex.Transaction,
  table: string,
  rows: readonly object[],
): Promise<void> {
  await db(table).insert(rows).onConflict('id').ignore();
}

function eventChunks(events: readonly StoredEvent[]): Generator<EventRow[]> {
  return chunkRows(events.map(eventToRow), {
    maxRows: EVENT_ROWS_PER_INSERT,
    maxBytes: EVENT_BYTES_PER_INSERT,
    size: (row) => row.payload.length,
  });
}

function deliveryRow(d: NewDelivery) {
  return {
    id: d.id,
    tenant_id: d.tenantId,
    event_id: d.eventId,
    endpoint_id: d.endpointId,
    event_type: d.eventType,
    status: d.status,
    attempt_count: 0,
    next_attempt_at: null,
    created_at: d.createdAt,
    updated_at: d.createdAt,
  };
}
