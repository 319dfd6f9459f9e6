import type { FrozenConfig } from '../config/index.js';
import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import { systemResolver } from '../dispatcher/systemResolver.js';
import { UrlGuard } from '../domain/urlGuard.js';
import { IngestLane } from '../ingest/IngestLane.js';
import { EventIngestService } from '../ingest/EventIngestService.js';
import { createIngestLimiter } from '../ingest/createIngestLimiter.js';
import type { LimiterStore } from '../limits/LimiterStore.js';
import type { Telemetry } from '../observability/index.js';
import type { InternalLog } from '../log/InternalLog.js';
import { DeliveryService } from '../management/DeliveryService.js';
import { EgressPoolService } from '../management/EgressPoolService.js';
import { EndpointService } from '../management/EndpointService.js';
import { EventService } from '../management/EventService.js';
import { EventTypeService } from '../management/EventTypeService.js';
import { IdempotencyService } from '../management/IdempotencyService.js';
import { PortalTokenService } from '../management/PortalTokenService.js';
import { SourceService } from '../management/SourceService.js';
import { TenantService } from '../management/TenantService.js';
import { SourceAddressGuard } from '../sources/SourceAddressGuard.js';
import { createHostAllowlist } from '../sources/hostAllowlist.js';
import type { DestinationPlugins, SourcePluginRegistry } from '../plugins/index.js';
import { PayloadValidationPool } from '../ingest/PayloadValidationPool.js';
import { TenantStatsService } from '../stats/TenantStatsService.js';
import type { OperationalEventRepository } from '../storage/OperationalEventRepository.js';
import type { Storage } from '../storage/Storage.js';

/** The core services of one installation: what the API calls, and ingest for broker sources too. */
export interface CoreServices {
  operationalEvents: OperationalEventRepository;
  tenants: TenantService;
  deliveries: DeliveryService;
  eventTypes: EventTypeService;
  egressPools: EgressPoolService;
  endpoints: EndpointService;
  idempotency: IdempotencyService;
  /** Persisted events: list, get, replay. */
  events: EventService;
  /** Event ingest onto the internal log, for the REST API and broker sources alike. */
  ingest: EventIngestService;
  /** Broker sources, source types and dead letters. */
  sources: SourceService;
  /** A tenant's events and attempts over time (the dashboard's charts). */
  stats: TenantStatsService;
  /** Customer portal tokens: minted by a tenant for one owner, checked on every portal request. */
  portalTokens: PortalTokenService;
}

export interface ServicesDeps {
  config: FrozenConfig;
  storage: Storage;
  /** The internal log ingest appends to; the runtime builds, starts and closes it. */
  log: InternalLog;
  limiterStore: LimiterStore;
  keyRing: KeyRing;
  plugins: SourcePluginRegistry;
  /** The destination plugins (`PluginRegistry` of destinations); without them endpoints deliver over HTTP only. */
  destinations?: DestinationPlugins;
  clock: Clock;
  /** Where ingest reports accepted events and its spans; none: nothing is recorded. */
  telemetry?: Telemetry;
}

/** Builds every core service once, on the storage ports of one installation. */
export function createCoreServices(deps: ServicesDeps): CoreServices {
  const { config, storage, keyRing, clock } = deps;
  const egressPools = new EgressPoolService({ pools: storage.egressPools, clock });
  const egressPoolAllowed = (tenantId: string | null, poolId: string) =>
    egressPools.isAllowed(tenantId, poolId);
  const eventTypes = new EventTypeService({
    eventTypes: storage.eventTypes,
    clock,
    validationPool: new PayloadValidationPool(),
  });
  const ingest = new EventIngestService({
    log: deps.log,
    events: storage.events,
    eventTypes,
    tenantSettings: (tenantId) => storage.tenants.get(tenantId),
    ingestLimiter: createIngestLimiter({ store: deps.limiterStore, clock }),
    lane: new IngestLane({ clock, eventsPerSecond: config.ingest.mainTopicEventsPerSecond }),
    clock,
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}),
  });
  return {
    operationalEvents: storage.operationalEvents,
    stats: new TenantStatsService({ stats: storage.tenantStats, clock }),
    portalTokens: new PortalTokenService({ keyRing, clock }),
    tenants: new TenantService({
      tenants: storage.tenants,
      keyRing,
      clock,
      adminKey: config.adminKey,
      tenantDefaults: { ...config.tenantDefaults },
      egressPoolAllowed,
    }),
    endpoints: new EndpointService({
      endpoints: storage.endpoints,
      keyRing,
      clock,
      urlGuard: new UrlGuard({ allowedCidrs: config.ssrf.allowedCidrs, resolve: systemResolver }),
      egressPoolAllowed,
      ...(deps.destinations ? { destinations: deps.destinations } : {}),
      destinationHosts: createHostAllowlist(config.destinations.allowedHosts),
    }),
    deliveries: new DeliveryService({ deliveries: storage.deliveries, jobs: storage.jobs, clock }),
    events: new EventService({
      events: storage.events,
      deliveries: storage.deliveries,
      jobs: storage.jobs,
      clock,
    }),
    eventTypes,
    egressPools,
    idempotency: new IdempotencyService({ records: storage.idempotency, clock }),
    ingest,
    sources: new SourceService({
      sources: storage.sources,
      plugins: deps.plugins,
      addressGuard: new SourceAddressGuard({
        allowedHosts: config.sources.allowedHosts,
        allowedCidrs: config.ssrf.allowedCidrs,
        resolve: systemResolver,
      }),
      keyRing,
      clock,
      ingest,
    }),
  };
}
