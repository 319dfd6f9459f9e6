import type { Knex } from 'knex';
import { derivedDeliveryId } from '../../domain/ids.js';
import { operationsEndpointId, type OperationalEvent } from '../../domain/operationalEvent.js';
import type { Step } from './stepTransaction.js';

/**
 * Stores an operational event inside the caller's transaction and, when the tenant has an operations
 * URL with a secret, a `pending` delivery of it to the tenant's operations target, due at once: the
 * scheduler hands it to a dispatcher like any due delivery, so it is signed, retried and recorded by
 * the same pipeline. Storing both with the state change that caused them makes the event exactly-once.
 */
export function* insertOperationalEvent(q: Knex, event: OperationalEvent): Generator<Step, void, unknown> {
  // Both inserts ignore a copy: a batch written again after a lost commit confirmation finds them there.
  yield q('operational_events')
    .insert({
      id: event.id,
      tenant_id: event.tenantId,
      type: event.type,
      data: JSON.stringify(event.data),
      created_at: event.createdAt,
    })
    .onConflict('id')
    .ignore();
  const tenant = (
    (yield q('tenants')
      .where({ id: event.tenantId })
      .select('operations_url', 'operations_secret_encrypted')) as {
      operations_url: string | null;
      operations_secret_encrypted: string | null;
    }[]
  )[0];
  if (!tenant?.operations_url || !tenant.operations_secret_encrypted) return;
  const endpointId = operationsEndpointId(event.tenantId);
  yield q('deliveries')
    .insert({
      id: derivedDeliveryId(event.id, endpointId),
      tenant_id: event.tenantId,
      event_id: event.id,
      endpoint_id: endpointId,
      event_type: event.type,
      status: 'pending',
      attempt_count: 0,
      next_attempt_at: event.createdAt,
      created_at: event.createdAt,
      updated_at: event.createdAt,
    })
    .onConflict('id')
    .ignore();
}
