import type { Endpoint, EndpointStatus } from '../domain/endpoint.js';
import type { StoredEvent } from '../domain/event.js';

/** What the router needs of an endpoint to decide whether an event goes to it. */
export type RoutableEndpoint = Pick<
  Endpoint,
  'id' | 'tenantId' | 'ownerId' | 'eventTypes' | 'filter' | 'status'
>;

/** A delivery the router creates: `pending` to be sent, or `discarded` for a disabled endpoint. */
export interface NewDelivery {
  id: string;
  tenantId: string;
  eventId: string;
  endpointId: string;
  eventType: string;
  status: 'pending' | 'discarded';
  createdAt: number;
}

/**
 * The router's storage: it reads across tenants by primary key and writes events and deliveries with
 * insert-or-ignore, so processing a record twice changes nothing.
 */
export interface RoutingRepository {
  /** Every endpoint of the tenant, whatever its status. */
  tenantEndpoints(tenantId: string): Promise<RoutableEndpoint[]>;
  /** The current status of those of `ids` that still exist in the tenant. */
  endpointStatuses(tenantId: string, ids: readonly string[]): Promise<Map<string, EndpointStatus>>;
  /** Tenant and creation time of those of `ids` already persisted; one primary-key read. */
  persistedEvents(ids: readonly string[]): Promise<Map<string, { tenantId: string; createdAt: number }>>;
  /**
   * Inserts the events, then the deliveries (attempt count 0), in one transaction; a row whose id is
   * already present is left as it is.
   */
  insert(events: readonly StoredEvent[], deliveries: readonly NewDelivery[]): Promise<void>;
}
