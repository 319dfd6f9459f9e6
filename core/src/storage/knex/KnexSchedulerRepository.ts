import type { Knex } from 'knex';
import { operationalEventBody, type OperationalEventType } from '../../domain/operationalEvent.js';
import type { DeliveryRecord } from '../../domain/pipelineRecords.js';
import { isMysql, type Database } from '../createDatabase.js';
import type { ClaimedDelivery, ClaimOptions, SchedulerRepository } from '../SchedulerRepository.js';
import { stepTransaction } from './stepTransaction.js';
import { headersOf } from './columns.js';

interface ClaimedRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  next_trigger: string | null;
  found_event_id: string | null;
  payload: Buffer | string | null;
  headers: string | null;
  trace_context: string | null;
  event_created_at: number | string | null;
  op_id: string | null;
  op_type: OperationalEventType | null;
  op_data: string | null;
  op_created_at: number | string | null;
}

type Where = (q: Knex.QueryBuilder) => void;

/** The claimed delivery's record around the body it sends. */
function claimedRecord(
  row: ClaimedRow,
  body: { payload: string; headers: Record<string, string>; createdAt: number },
): ClaimedDelivery {
  const record: DeliveryRecord = {
    v: 1,
    deliveryId: row.id,
    tenantId: row.tenant_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: body.payload,
    headers: body.headers,
    eventCreatedAt: body.createdAt,
    attempt: row.attempt_count,
    ...(row.next_trigger === 'manual' ? { trigger: 'manual' as const } : {}),
  };
  return { deliveryId: row.id, record };
}

// A delivery of an operational event to the tenant's operations target: its body is the event object.
function operationalRecord(row: ClaimedRow): ClaimedDelivery {
  if (row.op_id === null || row.op_type === null || row.op_data === null)
    return { deliveryId: row.id, record: null };
  const createdAt = Number(row.op_created_at);
  const event = {
    id: row.op_id,
    tenantId: row.tenant_id,
    type: row.op_type,
    data: JSON.parse(row.op_data) as Record<string, unknown>,
    createdAt,
  };
  return claimedRecord(row, { payload: operationalEventBody(event), headers: {}, createdAt });
}

function toClaimed(row: ClaimedRow): ClaimedDelivery {
  if (row.found_event_id === null && row.op_id !== null) return operationalRecord(row);
  if (row.found_event_id === null || row.payload === null) return { deliveryId: row.id, record: null };
  const claimed = claimedRecord(row, {
    payload: typeof row.payload === 'string' ? row.payload : row.payload.toString('utf8'),
    headers: headersOf(row.headers),
    createdAt: Number(row.event_created_at),
  });
  return row.trace_context ? { ...claimed, trace: row.trace_context } : claimed;
}

/** {@link SchedulerRepository} on MySQL/MariaDB (SKIP LOCKED) or SQLite (one writer) through knex. */
export class KnexSchedulerRepository implements SchedulerRepository {
  private readonly mysql: boolean;

  constructor(private readonly deps: { db: Database }) {
    this.mysql = isMysql(deps.db);
  }

  claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    return this.claim(options, (q) => void q.where('next_attempt_at', '<=', options.now), 'next_attempt_at');
  }

  claimStranded(options: ClaimOptions & { untouchedSince: number }): Promise<ClaimedDelivery[]> {
    return this.claim(
      options,
      // Created before too (updated_at >= created_at): the (status, created_at) index narrows the scan.
      (q) =>
        void q
          .whereNull('next_attempt_at')
          .andWhere('created_at', '<=', options.untouchedSince)
          .andWhere('updated_at', '<=', options.untouchedSince),
      'created_at',
    );
  }

  async release(
    ids: readonly string[],
    claimedUntil: number,
    now: number,
    holdClaimUntil: number | null = null,
  ) {
    if (ids.length === 0) return;
    await this.deps
      .db('deliveries')
      .whereIn('id', ids)
      .andWhere('claimed_until', claimedUntil)
      .update({ next_attempt_at: null, claimed_until: holdClaimUntil, updated_at: now });
  }

  async failClaimed(ids: readonly string[], claimedUntil: number, now: number) {
    if (ids.length === 0) return;
    await this.deps
      .db('deliveries')
      .whereIn('id', ids)
      .andWhere('claimed_until', claimedUntil)
      .whereIn('status', ['pending', 'retrying'])
      .update({ status: 'failed', next_attempt_at: null, claimed_until: null, updated_at: now });
  }

  private claim(options: ClaimOptions, where: Where, order: string): Promise<ClaimedDelivery[]> {
    const mysql = this.mysql;
    return stepTransaction(
      this.deps.db,
      function* (q) {
        const candidates = q('deliveries')
          .select('id')
          .where(where)
          .whereIn('status', ['pending', 'retrying'])
          .andWhere((w) => void w.whereNull('claimed_until').orWhere('claimed_until', '<=', options.now))
          .orderBy(order)
          .limit(options.limit);
        // Concurrent schedulers skip each other's locked rows instead of waiting or taking them twice.
        // (SQLite runs one writer at a time: the transaction holds the database's write lock.)
        if (mysql) void candidates.forUpdate().skipLocked();
        const ids = ((yield candidates) as { id: string }[]).map((r) => r.id);
        if (ids.length === 0) return [];
        yield q('deliveries').whereIn('id', ids).update({ claimed_until: options.claimUntil });
        const rows = (yield q('deliveries as d')
          .leftJoin('events as e', (j) => {
            j.on('e.id', '=', 'd.event_id').andOn('e.tenant_id', '=', 'd.tenant_id');
          })
          .leftJoin('operational_events as o', (j) => {
            j.on('o.id', '=', 'd.event_id').andOn('o.tenant_id', '=', 'd.tenant_id');
          })
          .whereIn('d.id', ids)
          .orderBy(`d.${order}`)
          .select(
            'd.id',
            'd.tenant_id',
            'd.endpoint_id',
            'd.event_id',
            'd.event_type',
            'd.attempt_count',
            'd.next_trigger',
            'e.id as found_event_id',
            'e.payload',
            'e.headers',
            'e.trace_context',
            'e.created_at as event_created_at',
            'o.id as op_id',
            'o.type as op_type',
            'o.data as op_data',
            'o.created_at as op_created_at',
          )) as ClaimedRow[];
        return rows.map(toClaimed);
      },
      // READ COMMITTED: the locking read takes no gap locks, so claims never hold up the router's inserts.
      { isolationLevel: 'read committed' },
    );
  }
}
