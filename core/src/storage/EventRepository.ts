import type { EventFilter, EventSummary, StoredEvent } from '../domain/event.js';
import type { Page, PageRequest } from './Page.js';

/** The read side of persisted events (the router writes them). Every call is tenant-scoped. */
export interface EventRepository {
  /** Which of `ids` the tenant has persisted: one read by primary key, whatever the number of ids. */
  existingIds(tenantId: string, ids: readonly string[]): Promise<Set<string>>;
  /** When each of `ids` the tenant has persisted was created (its `createdAt`): one read by primary key. */
  createdAtOf(tenantId: string, ids: readonly string[]): Promise<Map<string, number>>;
  get(tenantId: string, id: string): Promise<StoredEvent | undefined>;
  /** Without payloads, newest first on (created_at, id). */
  list(tenantId: string, filter: EventFilter, page: PageRequest): Promise<Page<EventSummary>>;
}
