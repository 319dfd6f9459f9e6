import { operationsEndpointId } from '../../domain/operationalEvent.js';
import {
  decodeAttemptError,
  type Attempt,
  type Delivery,
  type DeliveryStatus,
} from '../../domain/delivery.js';
import type { Database } from '../createDatabase.js';
import { newestFirst } from './newestFirst.js';
import type { DeliveryFilter, DeliveryRepository } from '../DeliveryRepository.js';
import { decodeTimeCursor, toPage, type CursorPosition, type PageRequest } from '../Page.js';
import { msOrNull } from './columns.js';

interface DeliveryRow {
  id: string;
  tenant_id: string;
  event_id: string;
  endpoint_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: number | string | null;
  last_attempt_at: number | string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number | string;
  updated_at: number | string;
}

interface AttemptRow {
  id: string;
  tenant_id: string;
  delivery_id: string;
  endpoint_id: string;
  attempt_number: number;
  trigger: string;
  url: string | null;
  started_at: number | string;
  duration_ms: number;
  status_code: number | null;
  error_code: string | null;
  error_message: string | null;
  request_headers: string;
  response_headers: string | null;
  response_body_excerpt: string | null;
  egress_address: string | null;
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    eventId: r.event_id,
    endpointId: r.endpoint_id,
    eventType: r.event_type,
    status: r.status,
    attemptCount: r.attempt_count,
    nextAttemptAt: msOrNull(r.next_attempt_at),
    lastAttemptAt: msOrNull(r.last_attempt_at),
    lastStatusCode: r.last_status_code,
    lastError: decodeAttemptError(r.last_error),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

function toAttempt(r: AttemptRow): Attempt {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    deliveryId: r.delivery_id,
    endpointId: r.endpoint_id,
    attemptNumber: r.attempt_number,
    trigger: r.trigger === 'manual' ? 'manual' : 'scheduled',
    url: r.url,
    startedAt: Number(r.started_at),
    durationMs: r.duration_ms,
    statusCode: r.status_code,
    error: r.error_code === null ? null : { code: r.error_code, message: r.error_message ?? '' },
    requestHeaders: JSON.parse(r.request_headers) as Record<string, string>,
    responseHeaders:
      r.response_headers === null ? null : (JSON.parse(r.response_headers) as Record<string, string>),
    responseBodyExcerpt: r.response_body_excerpt,
    egressAddress: r.egress_address,
  };
}

/** {@link DeliveryRepository} through knex. */
export class KnexDeliveryRepository implements DeliveryRepository {
  constructor(private readonly deps: { db: Database }) {}

  private filtered(tenantId: string, f: DeliveryFilter) {
    // Deliveries of operational events to the tenant's operations target are not the tenant's
    // deliveries: they are listed as operational events (docs/pipeline.md).
    const q = this.deps
      .db('deliveries')
      .where({ 'deliveries.tenant_id': tenantId })
      .andWhereNot('deliveries.endpoint_id', operationsEndpointId(tenantId));
    if (f.status?.length) void q.whereIn('deliveries.status', f.status);
    if (f.endpointId) void q.andWhere('deliveries.endpoint_id', f.endpointId);
    if (f.ownerId !== undefined) {
      void q.whereIn(
        'deliveries.endpoint_id',
        this.deps.db('endpoints').select('id').where({ tenant_id: tenantId, owner_id: f.ownerId }),
      );
    }
    if (f.eventId) void q.andWhere('deliveries.event_id', f.eventId);
    if (f.eventType) void q.andWhere('deliveries.event_type', f.eventType);
    if (f.since !== undefined) void q.andWhere('deliveries.created_at', '>=', f.since);
    if (f.until !== undefined) void q.andWhere('deliveries.created_at', '<', f.until);
    return q;
  }

  async count(tenantId: string, f: DeliveryFilter): Promise<number> {
    const row = (await this.filtered(tenantId, f).count({ n: '*' }).first()) as { n: number | string };
    return Number(row.n);
  }

  async queueManualAttempts(
    tenantId: string,
    f: DeliveryFilter,
    after: CursorPosition | null,
    limit: number,
    now: number,
  ): Promise<{ scanned: number; last: CursorPosition | null }> {
    const q = this.filtered(tenantId, f)
      .leftJoin('endpoints', 'endpoints.id', 'deliveries.endpoint_id')
      .select('deliveries.id', 'deliveries.created_at', 'endpoints.status as endpoint_status');
    if (after) {
      void q.andWhere((w) => {
        void w.where('deliveries.created_at', '>', after.value).orWhere((x) => {
          void x.where('deliveries.created_at', '=', after.value).andWhere('deliveries.id', '>', after.id);
        });
      });
    }
    const rows = (await q
      .orderBy([
        { column: 'deliveries.created_at', order: 'asc' },
        { column: 'deliveries.id', order: 'asc' },
      ])
      .limit(limit)) as { id: string; created_at: number | string; endpoint_status: string | null }[];
    const eligible = rows
      .filter((r) => r.endpoint_status !== null && r.endpoint_status !== 'disabled')
      .map((r) => r.id);
    if (eligible.length) {
      await this.deps.db('deliveries').where({ tenant_id: tenantId }).whereIn('id', eligible).update({
        status: 'pending',
        next_attempt_at: now,
        next_trigger: 'manual',
        claimed_until: null,
        updated_at: now,
      });
    }
    const last = rows[rows.length - 1];
    return { scanned: rows.length, last: last ? { value: Number(last.created_at), id: last.id } : null };
  }

  async list(tenantId: string, f: DeliveryFilter, { limit, cursor }: PageRequest) {
    const q = this.filtered(tenantId, f);
    const rows = (await newestFirst(q, cursor, limit)) as DeliveryRow[];
    return toPage(rows, limit, toDelivery, (r) => ({ value: Number(r.created_at), id: r.id }));
  }

  async get(tenantId: string, id: string) {
    const row = (await this.deps
      .db('deliveries')
      .where({ tenant_id: tenantId, id })
      .andWhereNot('endpoint_id', operationsEndpointId(tenantId))
      .first()) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  async listAttempts(tenantId: string, deliveryId: string, { limit, cursor }: PageRequest) {
    const q = this.deps.db('attempts').where({ tenant_id: tenantId, delivery_id: deliveryId });
    if (cursor) void q.andWhere('attempt_number', '<', Number(decodeTimeCursor(cursor).value));
    const rows = (await q.orderBy('attempt_number', 'desc').limit(limit + 1)) as AttemptRow[];
    return toPage(rows, limit, toAttempt, (r) => ({ value: r.attempt_number, id: r.id }));
  }

  async queueManualAttempt(tenantId: string, id: string, now: number) {
    await this.deps.db('deliveries').where({ tenant_id: tenantId, id }).update({
      status: 'pending',
      next_attempt_at: now,
      next_trigger: 'manual',
      claimed_until: null,
      updated_at: now,
    });
    return this.get(tenantId, id);
  }

  async endpointStatus(tenantId: string, endpointId: string) {
    const row = await this.deps
      .db('endpoints')
      .where({ tenant_id: tenantId, id: endpointId })
      .first<{ status: string } | undefined>('status');
    return row?.status;
  }
}
