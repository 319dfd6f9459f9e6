export {
  TenantService,
  type Principal,
  type TenantServiceDeps,
  type CreateTenantInput,
  type UpdateTenantInput,
  type UpdateOwnTenantInput,
} from './TenantService.js';
export { PortalTokenService, PORTAL_TOKEN_PREFIX, type PortalPrincipal } from './PortalTokenService.js';
export {
  EndpointService,
  DEFAULT_GRACE_PERIOD_SECONDS,
  MAX_LIVE_PREVIOUS_SECRETS,
  type EndpointServiceDeps,
  type EndpointSettings,
  type CreateEndpointInput,
  type UpdateEndpointInput,
  type EndpointSecretInfo,
} from './EndpointService.js';
export {
  HEALTH_WINDOW_SECONDS,
  type AttemptErrorCode,
  type BreakerState,
  type EndpointHealth,
} from './endpointHealth.js';
export {
  EventTypeService,
  type EventTypeServiceDeps,
  type CreateEventTypeInput,
  type UpdateEventTypeInput,
} from './EventTypeService.js';
export {
  EgressPoolService,
  type EgressPoolServiceDeps,
  type CreateEgressPoolInput,
  type UpdateEgressPoolInput,
} from './EgressPoolService.js';
export {
  IdempotencyService,
  type IdempotencyDecision,
  type IdempotencyRequest,
} from './IdempotencyService.js';
export { DeliveryService, type BulkRetryInput } from './DeliveryService.js';
export {
  EventService,
  EVENT_DELIVERIES_SHOWN,
  type EventServiceDeps,
  type EventWithDeliveries,
} from './EventService.js';
export {
  SourceService,
  type CreateSourceInput,
  type SourceServiceDeps,
  type UpdateSourceInput,
} from './SourceService.js';
