import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DeliveryService, OperationalEventRepository } from '@caravan/core';
import type { IdempotencyService, TenantService } from '@caravan/core';
import type { EgressPoolService, EventTypeService } from '@caravan/core';
import type { EndpointService } from '@caravan/core';
import type { EventIngestService, EventService } from '@caravan/core';
import type { SourceService } from '@caravan/core';

/** The core services operation handlers call, built once by the composition root. */
export interface Services {
  operationalEvents: OperationalEventRepository;
  tenants: TenantService;
  deliveries: DeliveryService;
  eventTypes: EventTypeService;
  egressPools: EgressPoolService;
  endpoints: EndpointService;
  idempotency: IdempotencyService;
  /** Persisted events: list, get, replay. */
  events: EventService;
  /** Event ingest onto the internal log. */
  ingest: EventIngestService;
  /** Broker sources, source types and dead letters. */
  sources: SourceService;
  /** Requests per second per API key. */
  apiRateLimiter: RateLimiterAbstract;
}
