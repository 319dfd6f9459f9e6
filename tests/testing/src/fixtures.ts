import { derivedDeliveryId, newId, type Database } from '@caravan/core';

/** Rows written straight to the database, for tests of read paths that must not depend on the pipeline. */
export async function insertEndpointRow(
  db: Database,
  tenantId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const id = newId('ep');
  const now = Date.now();
  await db('endpoints').insert({
    id,
    tenant_id: tenantId,
    url: 'https://receiver.example.test/hook',
    event_types: JSON.stringify(['*']),
    timeout_ms: 15_000,
    signing_scheme: 'hmac',
    status: 'active',
    created_at: now,
    updated_at: now,
    ...overrides,
  });
  return id;
}

export async function insertDeliveryRow(
  db: Database,
  row: {
    tenantId: string;
    endpointId: string;
    status?: string;
    createdAt?: number;
    eventType?: string;
    attemptCount?: number;
  },
): Promise<{ deliveryId: string; eventId: string }> {
  const eventId = newId('evt', row.createdAt);
  const deliveryId = derivedDeliveryId(eventId, row.endpointId);
  const at = row.createdAt ?? Date.now();
  const eventType = row.eventType ?? 'invoice.paid';
  await db('events').insert({
    id: eventId,
    tenant_id: row.tenantId,
    event_type: eventType,
    payload: Buffer.from('{"amount":1}'),
    created_at: at,
  });
  await db('deliveries').insert({
    id: deliveryId,
    tenant_id: row.tenantId,
    event_id: eventId,
    endpoint_id: row.endpointId,
    event_type: eventType,
    status: row.status ?? 'failed',
    attempt_count: row.attemptCount ?? 1,
    last_attempt_at: at + 10,
    last_status_code: 500,
    last_error: JSON.stringify({ code: 'non_2xx_status', message: 'Receiver answered 500.' }),
    created_at: at,
    updated_at: at + 10,
  });
  return { deliveryId, eventId };
}

export async function insertAttemptRow(
  db: Database,
  row: {
    tenantId: string;
    deliveryId: string;
    endpointId: string;
    attemptNumber: number;
    statusCode: number;
  },
): Promise<string> {
  const id = newId('att');
  await db('attempts').insert({
    id,
    tenant_id: row.tenantId,
    delivery_id: row.deliveryId,
    endpoint_id: row.endpointId,
    attempt_number: row.attemptNumber,
    trigger: 'scheduled',
    url: 'https://receiver.example.test/hook',
    started_at: Date.now(),
    duration_ms: 12,
    status_code: row.statusCode,
    error_code: row.statusCode >= 300 ? 'non_2xx_status' : null,
    error_message: row.statusCode >= 300 ? `Receiver answered ${row.statusCode}.` : null,
    request_headers: JSON.stringify({ 'content-type': 'application/json', 'webhook-id': 'evt_x' }),
    response_headers: JSON.stringify({ 'content-type': 'text/plain' }),
    response_body_excerpt: 'nope',
    egress_address: null,
  });
  return id;
}
