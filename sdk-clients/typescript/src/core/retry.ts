import { CaravanApiError, CaravanConnectionError } from './errors.js';

/** Longest `Retry-After` the client waits for; a longer one is thrown to the caller to decide. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Whether another attempt of the same call may succeed. Creating calls carry an idempotency key. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof CaravanConnectionError) return true;
  if (!(error instanceof CaravanApiError)) return false;
  // A retry that overtakes the first attempt (still running server-side after a timeout) sees this.
  if (error.code === 'CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS') return true;
  return error.status === 429 || error.status >= 500;
}

/** Milliseconds the server asked to wait (`Retry-After`: seconds or an HTTP date), if it did. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with full jitter: up to base·2^attempt, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 8_000, random = Math.random): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
