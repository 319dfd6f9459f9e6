import type { Knex } from 'knex';
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
import { sqliteWriteTransaction, type PresentRow } from './sqliteRoutingInsert.js';

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

  async insertRouted(
    events: readonly StoredEvent[],
    deliveriesFor: (stored: InsertedEvents) => Iterable<readonly NewDelivery[]>,
  ): Promise<InsertedEvents> {
    const present = new Map<string, { tenantId: string; createdAt: number }>();
    const remember = (rows: readonly PresentRow[]) => {
      for (const r of rows) present.set(r.id, { tenantId: r.tenant_id, createdAt: Number(r.created_at) });
    };
    if (!isMysql(this.deps.db)) {
      return sqliteWriteTransaction(this.deps.db, (writer) => {
        const result = writer.insertIgnoring('events', events.map(eventToRow), true);
        remember(result.present);
        const stored = { inserted: result.inserted, present };
        for (const chunk of deliveriesFor(stored)) {
          writer.insertIgnoring('deliveries', chunk.map(deliveryRow), false);
        }
        return stored;
      });
    }
    return this.deps.db.transaction(async (trx) => {
      let inserted = 0;
      for (const chunk of eventChunks(events)) {
        const count = await insertIgnoringMysql(trx, 'events', chunk);
        inserted += count;
        // Only a chunk that skipped rows (a record routed again, or a racing copy) is read back.
        if (count < chunk.length) {
          remember(
            await trx('events')
              .whereIn(
                'id',
                chunk.map((r) => r.id),
              )
              .select<PresentRow[]>('id', 'tenant_id', 'created_at'),
          );
        }
      }
      const stored = { inserted, present };
      for (const chunk of deliveriesFor(stored)) {
        const rows = chunk.map(deliveryRow);
        for (let i = 0; i < rows.length; i += DELIVERY_ROWS_PER_INSERT) {
          await insertIgnoringMysql(trx, 'deliveries', rows.slice(i, i + DELIVERY_ROWS_PER_INSERT));
        }
      }
      return stored;
    });
  }

  async insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const rows = deliveries.map(deliveryRow);
    if (!isMysql(this.deps.db)) {
      await sqliteWriteTransaction(this.deps.db, (writer) =>
        writer.insertIgnoring('deliveries', rows, false),
      );
      return;
    }
    const chunks: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += DELIVERY_ROWS_PER_INSERT) {
      chunks.push(rows.slice(i, i + DELIVERY_ROWS_PER_INSERT));
    }
    await Promise.all(chunks.map((chunk) => insertIgnoringMysql(this.deps.db, 'deliveries', chunk)));
  }
}

/**
 * `insert ignore` of one multi-row statement, answering how many rows it inserted (a row whose id
 * exists, or repeats an earlier row's, is skipped). Rows go in id order, so batches that share ids
 * (records routed again) take their row locks in the same order; should they deadlock anyway, the
 * batch fails and is routed again.
 */
async function insertIgnoringMysql(
  db: Knex | Knex.Transaction,
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
