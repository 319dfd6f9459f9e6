import type { CaravanErrorCode } from './CaravanErrorCode.js';

/** Options every Caravan error accepts. */
export interface CaravanErrorOptions {
  /** The lower-level error that caused this one. */
  cause?: unknown;
  /** Whether repeating the same operation later may succeed. Retry logic reads this flag. */
  retriable?: boolean;
}

/**
 * The one base class of every error Caravan raises on purpose. `code` is stable and machine-readable
 * (`CARAVAN_…`); the API maps it to an HTTP status in exactly one place. Core never speaks HTTP here.
 */
export class CaravanError extends Error {
  readonly code: CaravanErrorCode;
  readonly retriable: boolean;

  constructor(code: CaravanErrorCode, message: string, options: CaravanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
  }
}

/**
 * Whether trying the failed operation again later may succeed: the error's own `retriable` flag
 * (a `CaravanError`, or a source plugin's `SourceError`, which carries the same flag). Any other
 * error is not known to be transient, so it is not.
 */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}

/** How long the error asks to wait before trying again (`IngestRateLimitedError`), if it says. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const ms =
    typeof error === 'object' && error !== null
      ? (error as { retryAfterMs?: unknown }).retryAfterMs
      : undefined;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
