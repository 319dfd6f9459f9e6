import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DeliveryService, IdempotencyService, TenantService } from '@caravan/core';

/** The core services operation handlers call, built once by the composition root. */
export interface Services {
  tenants: TenantService;
  deliveries: DeliveryService;
  idempotency: IdempotencyService;
  /** Requests per second per API key. */
  apiRateLimiter: RateLimiterAbstract;
}
