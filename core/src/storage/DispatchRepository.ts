import type { DeliveryStatus } from '../domain/delivery.js';
import type { DisabledReason } from '../domain/endpoint.js';
import type { OperationalEvent } from '../domain/operationalEvent.js';

/** Where a delivery stands, as the dispatcher checks it before sending. */
export interface DeliveryState {
  id: string;
  tenantId: string;
  status: DeliveryStatus;
  attemptCount: number;
  /**
   * The endpoint row's `updated_at` when the state was read (`null`: no endpoint row), so the dispatcher
   * can tell that a cached copy of the endpoint predates a change (a rotated secret, a pause, a new URL).
   */
  endpointUpdatedAt?: number | null;
}

/** One HTTP attempt to store (`attempts` row). */
export interface AttemptToStore {
  id: string;
  tenantId: string;
  deliveryId: string;
  endpointId: string;
  attemptNumber: number;
  /** `manual` when a retry, recover or replay call queued this attempt. */
  trigger: 'scheduled' | 'manual';
  /** The URL the request went to. */
  url: string;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string> | null;
  responseBodyExcerpt: string | null;
  egressAddress: string | null;
}

/**
 * What the dispatcher decided for one delivery record. The delivery row is changed only while its
 * `attempt_count` is still `basedOnAttemptCount` (and, without an attempt, while it is unsettled), so
 * replaying a write, or a write racing another writer, never moves a delivery backwards.
 */
export interface DeliveryWrite {
  deliveryId: string;
  tenantId: string;
  endpointId: string;
  basedOnAttemptCount: number;
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  updatedAt: number;
  /** The HTTP attempt made, if one was; it also sets attempt_count and the delivery's `last_*` columns. */
  attempt?: AttemptToStore;
  /** `last_error` as stored (JSON `{ code, message }`), with `attempt`. */
  lastError?: string | null;
  /** Disable the endpoint (the receiver answered 410 Gone) and settle its other unsent deliveries. */
  disableEndpoint?: DisabledReason;
  /** Stored (and sent to the tenant's operations URL) in the same transaction: `delivery.exhausted`. */
  operationalEvent?: OperationalEvent;
}

/** The dispatcher's reads and writes of deliveries and attempts. */
export interface DispatchRepository {
  /** The current state of the given deliveries, by id; ids without a row are absent. One query. */
  states(ids: readonly string[]): Promise<Map<string, DeliveryState>>;
  /**
   * Stores a batch of decisions in one transaction: attempts (a replayed attempt id is ignored), the
   * guarded delivery updates, and endpoint disables. Idempotent, so a batch whose commit was not
   * confirmed can be written again.
   */
  write(writes: readonly DeliveryWrite[]): Promise<void>;
}
