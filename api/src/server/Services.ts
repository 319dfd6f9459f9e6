import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { IdempotencyService, TenantService } from '@caravan/core';

/** The core services operation handlers call, built once by the composition root. */
export interface Services {
  tenants: TenantService;
  idempotency: IdempotencyService;
  /** Requests per second per API key. */
  apiRateLimiter: RateLimiterAbstract;
}
