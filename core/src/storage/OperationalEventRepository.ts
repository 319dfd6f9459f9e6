import type { OperationalEvent, OperationalEventType } from '../domain/operationalEvent.js';
import type { Page, PageRequest } from './Page.js';

/** Persistence of operational events. */
export interface OperationalEventRepository {
  insert(event: OperationalEvent): Promise<void>;
  /** Newest first, optionally of one type. */
  list(
    tenantId: string,
    type: OperationalEventType | undefined,
    page: PageRequest,
  ): Promise<Page<OperationalEvent>>;
}
