import type { Attempt, Delivery, DeliveryStatus } from '../domain/delivery.js';
import type { CursorPosition, Page, PageRequest } from './Page.js';

export interface DeliveryFilter {
  status?: DeliveryStatus[];
  endpointId?: string;
  /** Deliveries to the endpoints whose `ownerId` this is. */
  ownerId?: string;
  eventId?: string;
  eventType?: string;
  since?: number;
  until?: number;
}

/** Read side of deliveries and attempts, and the manual-retry marker. */
export interface DeliveryRepository {
  /** Newest first on (created_at, id). */
  list(tenantId: string, filter: DeliveryFilter, page: PageRequest): Promise<Page<Delivery>>;
  get(tenantId: string, id: string): Promise<Delivery | undefined>;
  /** Newest first. */
  listAttempts(tenantId: string, deliveryId: string, page: PageRequest): Promise<Page<Attempt>>;
  /**
   * Queues one manual attempt now: status `pending`, due now, trigger `manual`. The scheduler appends it.
   * Returns the updated delivery.
   */
  queueManualAttempt(tenantId: string, id: string, now: number): Promise<Delivery | undefined>;
  /** How many deliveries match `filter` (jobs report it as their total). */
  count(tenantId: string, filter: DeliveryFilter): Promise<number>;
  /**
   * Queues a manual attempt for up to `limit` deliveries matching `filter` after `after` in
   * (created_at, id) order, skipping those whose endpoint is disabled or gone. Returns how many rows
   * it scanned and where the scan stands, so a job can resume after a crash.
   */
  queueManualAttempts(
    tenantId: string,
    filter: DeliveryFilter,
    after: CursorPosition | null,
    limit: number,
    now: number,
  ): Promise<{ scanned: number; last: CursorPosition | null }>;
  /** Status of an endpoint of the tenant, or undefined when it does not exist. */
  endpointStatus(tenantId: string, endpointId: string): Promise<string | undefined>;
}
