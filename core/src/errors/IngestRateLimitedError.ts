import { CaravanError } from './CaravanError.js';

/** The tenant is over its `ingestPerSecond`; the same events may be sent again after `retryAfterMs`. */
export class IngestRateLimitedError extends CaravanError {
  constructor(
    readonly retryAfterMs: number,
    /** The tenant's `ingestPerSecond` that was hit. */
    readonly limit: number,
  ) {
    super(
      'CARAVAN_INGEST_RATE_LIMITED',
      `Over the tenant's ingest limit; retry in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`,
      { retriable: true },
    );
  }
}
