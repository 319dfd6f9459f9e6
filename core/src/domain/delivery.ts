/** One (event, endpoint) pair and where its delivery stands. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'failed' | 'discarded';

export const SETTLED_STATUSES: readonly DeliveryStatus[] = ['succeeded', 'failed', 'discarded'];

/** Why an attempt failed (the contract's AttemptErrorCode). */
export interface AttemptError {
  code: string;
  message: string;
}

export interface Delivery {
  id: string;
  tenantId: string;
  eventId: string;
  endpointId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: AttemptError | null;
  createdAt: number;
  updatedAt: number;
}

/** One HTTP request made for a delivery. */
export interface Attempt {
  id: string;
  tenantId: string;
  deliveryId: string;
  endpointId: string;
  attemptNumber: number;
  trigger: 'scheduled' | 'manual';
  url: string | null;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  error: AttemptError | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string> | null;
  responseBodyExcerpt: string | null;
  egressAddress: string | null;
}

/** Stored form of an attempt error: JSON `{ code, message }` in `last_error` / `error_*` columns. */
export function encodeAttemptError(error: AttemptError | null): string | null {
  return error === null ? null : JSON.stringify({ code: error.code, message: error.message.slice(0, 900) });
}

export function decodeAttemptError(stored: string | null): AttemptError | null {
  if (stored === null) return null;
  try {
    const parsed = JSON.parse(stored) as Partial<AttemptError>;
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') {
      return { code: parsed.code, message: parsed.message };
    }
  } catch {
    // not JSON: an older or foreign row; fall through
  }
  return { code: 'connection_failed', message: stored };
}
