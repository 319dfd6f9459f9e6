import type { Knex } from 'knex';
import { decodeAttemptError, type DeliveryStatus } from '../../domain/delivery.js';
import { newId } from '../../domain/ids.js';
import { isMysql, type Database } from '../createDatabase.js';
import type {
  AttemptToStore,
  DeliveryState,
  DeliveryWrite,
  DispatchRepository,
} from '../DispatchRepository.js';
import { insertOperationalEvent } from './operationalEventRows.js';
import { stepTransaction, type Step } from './stepTransaction.js';
import { msOrNull } from './columns.js';

const UNSETTLED: readonly DeliveryStatus[] = ['pending', 'retrying'];

function attemptRow(a: AttemptToStore) {
  return {
    id: a.id,
    tenant_id: a.tenantId,
    delivery_id: a.deliveryId,
    endpoint_id: a.endpointId,
    attempt_number: a.attemptNumber,
    trigger: a.trigger,
    url: a.url,
    started_at: a.startedAt,
    duration_ms: a.durationMs,
    status_code: a.statusCode,
    error_code: a.errorCode,
    error_message: a.errorMessage?.slice(0, 1000) ?? null,
    request_headers: JSON.stringify(a.requestHeaders),
    response_headers: a.responseHeaders === null ? null : JSON.stringify(a.responseHeaders),
    response_body_excerpt: a.responseBodyExcerpt,
    egress_address: a.egressAddress,
  };
}

/** {@link DispatchRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexDispatchRepository implements DispatchRepository {
  constructor(private readonly deps: { db: Database }) {}

  async states(ids: readonly string[]): Promise<Map<string, DeliveryState>> {
    const states = new Map<string, DeliveryState>();
    if (ids.length === 0) return states;
    const rows = await this.deps
      .db('deliveries as d')
      .leftJoin('endpoints as e', (on) => {
        void on.on('e.id', 'd.endpoint_id').andOn('e.tenant_id', 'd.tenant_id');
      })
      .whereIn('d.id', [...new Set(ids)])
      .select<
        {
          id: string;
          tenant_id: string;
          status: DeliveryStatus;
          attempt_count: number;
          endpoint_updated_at: number | string | null;
        }[]
      >('d.id', 'd.tenant_id', 'd.status', 'd.attempt_count', 'e.updated_at as endpoint_updated_at');
    for (const r of rows) {
      states.set(r.id, {
        id: r.id,
        tenantId: r.tenant_id,
        status: r.status,
        attemptCount: r.attempt_count,
        endpointUpdatedAt: msOrNull(r.endpoint_updated_at),
      });
    }
    return states;
  }

  async write(writes: readonly DeliveryWrite[]): Promise<void> {
    if (writes.length === 0) return;
    // Rows are locked in id order, so two writers (a dispatcher and the scheduler, or two dispatchers
    // during a rebalance) cannot deadlock on each other's rows.
    const sorted = [...writes].sort((a, b) => (a.deliveryId < b.deliveryId ? -1 : 1));
    const mysql = isMysql(this.deps.db);
    await stepTransaction(this.deps.db, function* (q) {
      const attempts = sorted.flatMap((w) => (w.attempt ? [attemptRow(w.attempt)] : []));
      // A flush retried after a lost commit confirmation finds its attempts already there. MySQL takes
      // them in one multi-row statement; SQLite runs in-process, one prepared insert per row.
      if (mysql && attempts.length > 0) yield q('attempts').insert(attempts).onConflict('id').ignore();
      else for (const attempt of attempts) yield q('attempts').insert(attempt).onConflict('id').ignore();
      if (mysql) {
        // One statement per kind instead of one per row: a round trip per row made the flush the
        // dispatcher's bottleneck on MySQL. (SQLite runs in-process; a statement per row is cheap there.)
        const [sent, unsent] = [sorted.filter((w) => w.attempt), sorted.filter((w) => !w.attempt)];
        if (sent.length > 0) yield updateSentMysql(q, sent);
        if (unsent.length > 0) yield updateUnsentMysql(q, unsent);
      } else {
        for (const w of sorted) yield updateDelivery(q, w);
      }
      const disables = new Map<string, DeliveryWrite>();
      for (const w of sorted) if (w.disableEndpoint) disables.set(`${w.tenantId}/${w.endpointId}`, w);
      yield* exhaustedEvents(q, sorted);
      for (const w of [...disables.values()].sort((a, b) => (a.endpointId < b.endpointId ? -1 : 1))) {
        yield* disableEndpoint(q, w);
      }
    });
  }
}

/**
 * The `delivery.exhausted` events of writes whose update applied: a write that lost to another writer
 * of the same attempt (a rebalance) tells the tenant nothing. Read after the updates, in the same
 * transaction; a batch written again finds its events already stored (same ids).
 */
function* exhaustedEvents(q: Knex, writes: readonly DeliveryWrite[]): Generator<Step, void, unknown> {
  const exhausted = writes.filter((w) => w.operationalEvent && w.attempt);
  if (exhausted.length === 0) return;
  const rows = (yield q('deliveries')
    .whereIn(
      'id',
      exhausted.map((w) => w.deliveryId),
    )
    .select('id', 'status', 'attempt_count', 'last_attempt_at')) as {
    id: string;
    status: string;
    attempt_count: number;
    last_attempt_at: number | string | null;
  }[];
  const applied = new Set(
    rows
      .filter((r) => r.status === 'failed')
      .map((r) => `${r.id}/${r.attempt_count}/${Number(r.last_attempt_at)}`),
  );
  for (const w of exhausted) {
    const key = `${w.deliveryId}/${w.basedOnAttemptCount + 1}/${w.attempt?.startedAt ?? ''}`;
    if (applied.has(key) && w.operationalEvent) yield* insertOperationalEvent(q, w.operationalEvent);
  }
}

function updateDelivery(q: Knex, w: DeliveryWrite): Knex.QueryBuilder {
  const set: Record<string, unknown> = {
    status: w.status,
    next_attempt_at: w.nextAttemptAt,
    // The scheduler releases its claim only while it still holds it; clearing it here tells it that
    // this record was handled, so it does not clear the next_attempt_at written now.
    claimed_until: null,
    updated_at: w.updatedAt,
  };
  // An attempt consumes what queued it; a hold without an attempt keeps a manual trigger for later.
  if (w.attempt) set.next_trigger = null;
  const update = q('deliveries').where({
    id: w.deliveryId,
    tenant_id: w.tenantId,
    attempt_count: w.basedOnAttemptCount,
  });
  if (w.attempt) {
    Object.assign(set, {
      attempt_count: w.basedOnAttemptCount + 1,
      last_attempt_at: w.attempt.startedAt,
      last_status_code: w.attempt.statusCode,
      last_error: w.lastError ?? null,
    });
  } else {
    // Without an attempt nothing happened that a settled delivery should forget.
    void update.whereIn('status', UNSETTLED);
  }
  return update.update(set);
}

/** Deliveries after an attempt, as one `UPDATE … JOIN (SELECT … UNION ALL …)`; guarded like {@link updateDelivery}. */
function updateSentMysql(q: Knex, writes: readonly DeliveryWrite[]): Knex.Raw {
  const row =
    '? as id, ? as tenant_id, ? as based, ? as status, ? as next_attempt_at, ? as updated_at, ? as last_attempt_at, ? as last_status_code, ? as last_error';
  const values = writes.flatMap((w) => [
    w.deliveryId,
    w.tenantId,
    w.basedOnAttemptCount,
    w.status,
    w.nextAttemptAt,
    w.updatedAt,
    w.attempt?.startedAt ?? null,
    w.attempt?.statusCode ?? null,
    w.lastError ?? null,
  ]);
  return q.raw(
    `update deliveries d join (${writes.map(() => `select ${row}`).join(' union all ')}) v
       on d.id = v.id and d.tenant_id = v.tenant_id and d.attempt_count = v.based
     set d.status = v.status, d.next_attempt_at = v.next_attempt_at, d.claimed_until = null,
       d.next_trigger = null, d.updated_at = v.updated_at, d.attempt_count = v.based + 1, d.last_attempt_at = v.last_attempt_at,
       d.last_status_code = v.last_status_code, d.last_error = v.last_error`,
    values,
  );
}

/** Deliveries settled or held without an attempt, as one statement; guarded like {@link updateDelivery}. */
function updateUnsentMysql(q: Knex, writes: readonly DeliveryWrite[]): Knex.Raw {
  const row = '? as id, ? as tenant_id, ? as based, ? as status, ? as next_attempt_at, ? as updated_at';
  const values = writes.flatMap((w) => [
    w.deliveryId,
    w.tenantId,
    w.basedOnAttemptCount,
    w.status,
    w.nextAttemptAt,
    w.updatedAt,
  ]);
  return q.raw(
    `update deliveries d join (${writes.map(() => `select ${row}`).join(' union all ')}) v
       on d.id = v.id and d.tenant_id = v.tenant_id and d.attempt_count = v.based
     set d.status = v.status, d.next_attempt_at = v.next_attempt_at, d.claimed_until = null,
       d.updated_at = v.updated_at
     where d.status in ('pending', 'retrying')`,
    values,
  );
}

// 410 Gone: the contract's disabled endpoint discards what was never sent and fails what was due.
function* disableEndpoint(q: Knex, w: DeliveryWrite): Generator<Step, void, unknown> {
  const changed = yield q('endpoints')
    .where({ tenant_id: w.tenantId, id: w.endpointId })
    .whereNot('status', 'disabled')
    .update({ status: 'disabled', disabled_reason: w.disableEndpoint, updated_at: w.updatedAt });
  if (changed === 0) return;
  const endpoint = (
    (yield q('endpoints')
      .where({ tenant_id: w.tenantId, id: w.endpointId })
      .select('owner_id', 'failing_since')) as {
      owner_id: string | null;
      failing_since: number | string | null;
    }[]
  )[0];
  yield* insertOperationalEvent(q, {
    id: newId('oev', w.updatedAt),
    tenantId: w.tenantId,
    type: 'endpoint.disabled',
    createdAt: w.updatedAt,
    data: {
      endpointId: w.endpointId,
      ownerId: endpoint?.owner_id ?? null,
      reason: w.disableEndpoint,
      failingSince: endpoint?.failing_since == null ? null : Number(endpoint.failing_since),
      lastError: decodeAttemptError(w.lastError ?? null),
    },
  });
  const unsent = () =>
    q('deliveries').where({ tenant_id: w.tenantId, endpoint_id: w.endpointId }).whereIn('status', UNSETTLED);
  const settled = { next_attempt_at: null, next_trigger: null, claimed_until: null, updated_at: w.updatedAt };
  yield unsent()
    .where('attempt_count', 0)
    .update({ ...settled, status: 'discarded' });
  yield unsent().update({ ...settled, status: 'failed' });
}
