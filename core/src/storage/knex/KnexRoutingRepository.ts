import type { EndpointStatus } from '../../domain/endpoint.js';
import type { EndpointFilter } from '../../domain/endpointFilter.js';
import type { StoredEvent } from '../../domain/event.js';
import { isMysql, type Database } from '../createDatabase.js';
import type {
  InsertedEvents,
  NewDelivery,
  RoutableEndpoint,
  RoutingRepository,
} from '../RoutingRepository.js';
import { chunkRows } from './columns.js';
import { eventToRow, type EventRow } from './eventRows.js';
import { insertIgnoringSqlite, type PresentRow } from './sqliteRoutingInsert.js';

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

  async insertEvents(events: readonly StoredEvent[]): Promise<InsertedEvents> {
    const present = new Map<string, { tenantId: string; createdAt: number }>();
    const remember = (rows: readonly PresentRow[]) => {
      for (const r of rows) present.set(r.id, { tenantId: r.tenant_id, createdAt: Number(r.created_at) });
    };
    if (events.length === 0) return { inserted: 0, present };
    if (!isMysql(this.deps.db)) {
      const result = await insertIgnoringSqlite(this.deps.db, 'events', events.map(eventToRow));
      remember(result.present);
      return { inserted: result.inserted, present };
    }
    // The chunks are independent: they go out side by side on the pool's connections. A chunk that
    // skipped a row (a record routed again, or a racing copy) is read back; the usual one is not.
    const counts = await Promise.all(
      [...eventChunks(events)].map(async (chunk) => {
        const inserted = await insertIgnoringMysql(this.deps.db, 'events', chunk);
        if (inserted < chunk.length) remember(await this.storedEvents(chunk.map((r) => r.id)));
        return inserted;
      }),
    );
    return { inserted: counts.reduce((a, b) => a + b, 0), present };
  }

  async insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const rows = deliveries.map(deliveryRow);
    if (!isMysql(this.deps.db)) {
      await insertIgnoringSqlite(this.deps.db, 'deliveries', rows);
      return;
    }
    const chunks: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += DELIVERY_ROWS_PER_INSERT) {
      chunks.push(rows.slice(i, i + DELIVERY_ROWS_PER_INSERT));
    }
    await Promise.all(chunks.map((chunk) => insertIgnoringMysql(this.deps.db, 'deliveries', chunk)));
  }

  private storedEvents(ids: readonly string[]): Promise<PresentRow[]> {
    return this.deps.db('events').whereIn('id', ids).select<PresentRow[]>('id', 'tenant_id', 'created_at');
  }
}

/**
 * `insert ignore` of one multi-row statement, answering how many rows it inserted (a row whose id
 * exists, or repeats an earlier row's, is skipped). Rows go in id order, so two statements that share
 * ids take their row locks in the same order and cannot deadlock on them.
 */
async function insertIgnoringMysql(
  db: Database,
  table: 'events' | 'deliveries',
  rows: readonly { id: string }[],
): Promise<number> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { sql, bindings } = db(table).insert(sorted).onConflict('id').ignore().toSQL().toNative();
  const [result] = (await db.raw(sql, bindings)) as [{ affectedRows: number }];
  return result.affectedRows;
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
