/** An event as Caravan stores it once the router has persisted it. */
export interface StoredEvent {
  id: string;
  tenantId: string;
  eventType: string;
  /** The exact JSON text the tenant sent (never re-serialised). */
  payload: string;
  idempotencyKey: string | null;
  endpointId: string | null;
  ownerId: string | null;
  headers: Record<string, string>;
  /** The source it came from, or `null` when it was sent over the REST API. */
  sourceId: string | null;
  createdAt: number;
}

/** An event as lists show it: everything but the payload. */
export type EventSummary = Omit<StoredEvent, 'payload'>;

/** What an event list may be narrowed to; times are epoch ms, `since` inclusive, `until` exclusive. */
export interface EventFilter {
  eventType?: string;
  ownerId?: string;
  since?: number;
  until?: number;
}
