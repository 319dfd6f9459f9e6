import {
  DeliveryService,
  KnexDeliveryRepository,
  KnexJobRepository,
  EgressPoolService,
  EndpointService,
  KnexEndpointRepository,
  UrlGuard,
  EventTypeService,
  KnexEgressPoolRepository,
  KnexEventTypeRepository,
  IdempotencyService,
  KeyRing,
  KnexIdempotencyRepository,
  KnexTenantRepository,
  TenantService,
  systemClock,
  type Clock,
  type Database,
  type FrozenConfig,
  type LimiterStore,
} from '@caravan/core';
import type { Services } from './Services.js';

/** Builds the core services the API calls, on one database. */
export function createServices({
  config,
  db,
  limiterStore,
  clock = systemClock,
}: {
  config: FrozenConfig;
  db: Database;
  limiterStore: LimiterStore;
  clock?: Clock;
}): Services {
  const keyRing = new KeyRing(config.encryption);
  const egressPools = new EgressPoolService({ pools: new KnexEgressPoolRepository({ db }), clock });
  const eventTypes = new EventTypeService({ eventTypes: new KnexEventTypeRepository({ db }), clock });
  const tenants = new TenantService({
    tenants: new KnexTenantRepository({ db }),
    keyRing,
    clock,
    adminKey: config.adminKey,
    tenantDefaults: { ...config.tenantDefaults },
    egressPoolAllowed: (tenantId, poolId) => egressPools.isAllowed(tenantId, poolId),
  });
  const endpoints = new EndpointService({
    endpoints: new KnexEndpointRepository({ db }),
    keyRing,
    clock,
    urlGuard: new UrlGuard({ allowedCidrs: config.ssrf.allowedCidrs }),
    egressPoolAllowed: (tenantId, poolId) => egressPools.isAllowed(tenantId, poolId),
  });
  const idempotency = new IdempotencyService({ records: new KnexIdempotencyRepository({ db }), clock });
  const apiRateLimiter = limiterStore.limiter('api', config.api.rateLimitPerSecond, 1);
  const deliveries = new DeliveryService({
    deliveries: new KnexDeliveryRepository({ db }),
    jobs: new KnexJobRepository({ db }),
    clock,
  });
  return {
    deliveries,
    tenants,
    eventTypes,
    egressPools,
    endpoints,
    idempotency,
    apiRateLimiter,
  };
}
