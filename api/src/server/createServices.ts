import {
  KnexOperationalEventRepository,
  KnexSourceRepository,
  PluginRegistry,
  createHostAllowlist,
  SourceService,
  EventIngestService,
  EventService,
  KnexEventRepository,
  type InternalLog,
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
  createIngestLimiter,
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
  log,
  clock = systemClock,
}: {
  config: FrozenConfig;
  db: Database;
  limiterStore: LimiterStore;
  /** The internal log ingest appends to; the composition root builds, starts and closes it. */
  log: InternalLog;
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
  const eventRepository = new KnexEventRepository({ db });
  const tenantRepository = new KnexTenantRepository({ db });
  const events = new EventService({
    events: eventRepository,
    deliveries: new KnexDeliveryRepository({ db }),
    jobs: new KnexJobRepository({ db }),
    clock,
  });
  const ingest = new EventIngestService({
    log,
    events: eventRepository,
    eventTypes,
    tenantLimits: async (tenantId) => (await tenantRepository.get(tenantId))?.limits,
    ingestLimiter: createIngestLimiter({ store: limiterStore }),
    clock,
  });
  const sources = new SourceService({
    sources: new KnexSourceRepository({ db }),
    plugins: new PluginRegistry(config.sources.plugins),
    allowedHosts: createHostAllowlist(config.sources.allowedHosts),
    keyRing,
    clock,
    ingest,
  });
  return {
    operationalEvents: new KnexOperationalEventRepository({ db }),
    sources,
    events,
    ingest,
    deliveries,
    tenants,
    eventTypes,
    egressPools,
    endpoints,
    idempotency,
    apiRateLimiter,
  };
}
