import type { EventType } from '../domain/eventType.js';
import type { Page, PageRequest } from './Page.js';

export interface EventTypeChanges {
  description?: string | null;
  schema?: Record<string, unknown> | null;
  updatedAt: number;
}

/** Persistence of a tenant's event types. Every method is scoped by tenant. */
export interface EventTypeRepository {
  /** Throws `EventTypeExistsError` when the tenant already has an event type with this name. */
  insert(eventType: EventType): Promise<void>;
  get(tenantId: string, name: string): Promise<EventType | undefined>;
  /**
   * Only the row's `updatedAt`, `undefined` when the type is not registered: the cheap check the
   * ingest path makes to see whether a cached validator is still current.
   */
  getUpdatedAt(tenantId: string, name: string): Promise<number | undefined>;
  /** Ordered by name. */
  list(tenantId: string, page: PageRequest): Promise<Page<EventType>>;
  /** Applies `changes`; resolves `undefined` when the type does not exist. */
  update(tenantId: string, name: string, changes: EventTypeChanges): Promise<EventType | undefined>;
  /** False when the type did not exist. */
  delete(tenantId: string, name: string): Promise<boolean>;
}
