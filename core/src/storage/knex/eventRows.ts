import type { EventSummary, StoredEvent } from '../../domain/event.js';
import { headersOf } from './columns.js';

/** An `events` row. The payload is kept as bytes: the exact UTF-8 text the tenant sent. */
export interface EventRow {
  id: string;
  tenant_id: string;
  event_type: string;
  payload: Buffer;
  idempotency_key: string | null;
  endpoint_id: string | null;
  owner_id: string | null;
  headers: string | null;
  source_id: string | null;
  created_at: number | string;
  /** The router's W3C trace context of the event, for the spans of later attempts; `null` untraced. */
  trace_context?: string | null;
}

/** Every column but the payload, for lists. */
export const SUMMARY_COLUMNS = [
  'id',
  'tenant_id',
  'event_type',
  'idempotency_key',
  'endpoint_id',
  'owner_id',
  'headers',
  'source_id',
  'created_at',
] as const;

export function eventToRow(e: StoredEvent & { trace?: string }): EventRow {
  return {
    id: e.id,
    tenant_id: e.tenantId,
    event_type: e.eventType,
    payload: Buffer.from(e.payload, 'utf8'),
    idempotency_key: e.idempotencyKey,
    endpoint_id: e.endpointId,
    owner_id: e.ownerId,
    headers: JSON.stringify(e.headers),
    source_id: e.sourceId,
    created_at: e.createdAt,
    trace_context: e.trace ?? null,
  };
}

export function toEventSummary(row: Omit<EventRow, 'payload'>): EventSummary {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    eventType: row.event_type,
    idempotencyKey: row.idempotency_key,
    endpointId: row.endpoint_id,
    ownerId: row.owner_id,
    headers: headersOf(row.headers),
    sourceId: row.source_id,
    createdAt: Number(row.created_at),
  };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return { ...toEventSummary(row), payload: Buffer.from(row.payload).toString('utf8') };
}
