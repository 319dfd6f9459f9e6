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

/** What inserting a batch of events found. */
export interface InsertedEvents {
  /** Rows this call inserted. */
  inserted: number;
  /**
   * The stored tenant and creation time of every event not known to be new: those already present,
   * and on MySQL every event of a multi-row statement that skipped a row (the server only says how
   * many it skipped). An event absent from the map was inserted by this call.
   */
  present: Map<string, { tenantId: string; createdAt: number }>;
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
  /**
   * Inserts the events (ids unique within the call), then the deliveries `deliveriesFor` answers given
   * what the events insert found, in one transaction: an event shows with its deliveries, and a listed
   * delivery's event exists. A row whose id is already present is left as it is. The insert itself says
   * which events were new: the stored row is read only for the others. `deliveriesFor` is called once,
   * synchronously, and its chunks are inserted as they come, so the caller bounds what is in memory.
   */
  insertRouted(
    events: readonly StoredEvent[],
    deliveriesFor: (stored: InsertedEvents) => Iterable<readonly NewDelivery[]>,
  ): Promise<InsertedEvents>;
  /**
   * Inserts the deliveries (attempt count 0) of events already stored; a row whose id is already
   * present is left as it is. The rows may become visible in several steps (multi-row statements run
   * side by side); once the promise resolves, every one is durable.
   */
  insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;
}
