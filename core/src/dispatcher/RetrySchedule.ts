import type { AttemptErrorCode } from './WebhookSender.js';

/**
 * Delays in seconds before each retry: the first entry is the delay before the second attempt (the
 * contract's `RetrySchedule`). Eight retries, nine attempts in all, over about 28 hours.
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [0, 5, 300, 1800, 7200, 18000, 36000, 36000];

/** Each scheduled delay is spread by up to ±20 %, so retries of a burst do not arrive as a burst. */
export const RETRY_JITTER = 0.2;

/** A receiver's `Retry-After` is honoured up to this long; beyond it, a typo would park a delivery for good. */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * The least wait after a timeout or a 429: the receiver is overloaded, and retrying it within seconds
 * (the schedule's early steps) would only add to the load.
 */
export const MIN_WAIT_AFTER_OVERLOAD_MS = 60_000;

/** A failed attempt, as far as the retry schedule cares. */
export interface FailedAttempt {
  /** Attempts made so far, this one included: 1 after the first. */
  attempts: number;
  statusCode: number | null;
  errorCode: AttemptErrorCode | null;
  /** The response's `Retry-After` header, if it had one. */
  retryAfter: string | null;
}

export interface RetryPolicy {
  /** The endpoint's own schedule in seconds, or `null` for {@link DEFAULT_RETRY_SCHEDULE}. */
  schedule: readonly number[] | null;
  /** Epoch ms of the failure, to read an HTTP-date `Retry-After`. */
  now: number;
  /** A number in [0, 1); injectable so tests pin the jitter. */
  random?: () => number;
}

/** Retry after `delayMs`, or give up: the schedule is used up. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * When to try a failed delivery again. After attempt `n` the delay is step `n` of the schedule with
 * jitter; a `Retry-After` on 429/503 (or a broker's wait on a destination failure) waits at least as long as the receiver asked (clamped to
 * {@link MAX_RETRY_AFTER_MS}); a timeout or a 429 waits at least {@link MIN_WAIT_AFTER_OVERLOAD_MS}.
 * Once every step is used, or a broker refused the message (`destination_rejected`), the delivery has failed.
 */
export function nextRetry(failed: FailedAttempt, policy: RetryPolicy): RetryDecision {
  const schedule = policy.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const step = schedule[failed.attempts - 1];
  if (step === undefined || failed.attempts < 1) return { retry: false };
  // A broker refused the message itself: sending it again cannot succeed.
  if (failed.errorCode === 'destination_rejected') return { retry: false };
  const random = policy.random ?? Math.random;
  let delayMs = Math.round(step * 1000 * (1 + RETRY_JITTER * (2 * random() - 1)));
  const asksToWait =
    failed.statusCode === 429 || failed.statusCode === 503 || failed.errorCode === 'destination_unavailable';
  if (asksToWait && failed.retryAfter !== null) {
    const asked = parseRetryAfter(failed.retryAfter, policy.now);
    if (asked !== undefined) delayMs = Math.max(delayMs, Math.min(asked, MAX_RETRY_AFTER_MS));
  }
  if (failed.errorCode === 'timeout' || failed.statusCode === 429) {
    delayMs = Math.max(delayMs, MIN_WAIT_AFTER_OVERLOAD_MS);
  }
  return { retry: true, delayMs };
}

/**
 * A `Retry-After` value (RFC 9110 §10.2.3) in milliseconds from `now`: delta-seconds or an HTTP-date
 * (a date in the past is 0). `undefined` when it is neither.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse accepts bare numbers and other odd forms; an HTTP-date always names a weekday or month.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
