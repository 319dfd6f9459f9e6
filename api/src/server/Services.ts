import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DeliveryService } from '@caravan/core';
import type { IdempotencyService, TenantService } from '@caravan/core';
import type { EgressPoolService, EventTypeService } from '@caravan/core';
import type { EndpointService } from '@caravan/core';

/** The core services operation handlers call, built once by the composition root. */
export interface Services {
  tenants: TenantService;
  deliveries: DeliveryService;
  eventTypes: EventTypeService;
  egressPools: EgressPoolService;
  endpoints: EndpointService;
  idempotency: IdempotencyService;
  /** Requests per second per API key. */
  apiRateLimiter: RateLimiterAbstract;
}
