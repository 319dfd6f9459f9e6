export { createDatabase, pingDatabase, isMysql, type Database } from './createDatabase.js';
export { createMigrator, type Migrator, type MigrationStatus } from './Migrator.js';
export {
  decodeCursor,
  encodeCursor,
  toPage,
  type CursorPosition,
  type Page,
  type PageRequest,
} from './Page.js';
export type { StoredTenant, TenantChanges, TenantRepository } from './TenantRepository.js';
export { KnexTenantRepository } from './knex/KnexTenantRepository.js';
export type {
  EndpointChanges,
  EndpointHealthRecord,
  EndpointRepository,
  RotationPlan,
  StoredEndpointSecret,
} from './EndpointRepository.js';
export { KnexEndpointRepository } from './knex/KnexEndpointRepository.js';
export type { EventTypeChanges, EventTypeRepository } from './EventTypeRepository.js';
export { KnexEventTypeRepository } from './knex/KnexEventTypeRepository.js';
export type { EgressPoolChanges, EgressPoolRepository } from './EgressPoolRepository.js';
export { KnexEgressPoolRepository } from './knex/KnexEgressPoolRepository.js';
export type { IdempotencyRecord, IdempotencyRepository } from './IdempotencyRepository.js';
export { KnexIdempotencyRepository } from './knex/KnexIdempotencyRepository.js';
export { isDuplicateKeyError } from './knex/isDuplicateKeyError.js';
export type { EventRepository } from './EventRepository.js';
export { KnexEventRepository } from './knex/KnexEventRepository.js';
export type { NewDelivery, RoutableEndpoint, RoutingRepository } from './RoutingRepository.js';
export { KnexRoutingRepository } from './knex/KnexRoutingRepository.js';
export type { DeliveryFilter, DeliveryRepository } from './DeliveryRepository.js';
export { KnexDeliveryRepository } from './knex/KnexDeliveryRepository.js';
export type { JobRepository, RunnableJob } from './JobRepository.js';
export { KnexJobRepository } from './knex/KnexJobRepository.js';
export type {
  AttemptToStore,
  DeliveryState,
  DeliveryWrite,
  DispatchRepository,
} from './DispatchRepository.js';
export { KnexDispatchRepository } from './knex/KnexDispatchRepository.js';
export type { ClaimedDelivery, ClaimOptions, SchedulerRepository } from './SchedulerRepository.js';
export { KnexSchedulerRepository } from './knex/KnexSchedulerRepository.js';
export type {
  RawFormatOptions,
  SourceChanges,
  SourceFormat,
  SourceLastError,
  SourceRepository,
  SourceStatusValue,
  SourceWithLease,
  StoredDeadLetter,
  StoredSource,
} from './SourceRepository.js';
export { KnexSourceRepository } from './knex/KnexSourceRepository.js';
export type { ClaimableSources, HeldLease, SourceLeases } from './SourceLeases.js';
export { KnexSourceLeases } from './knex/KnexSourceLeases.js';
export {
  zeroCounts,
  type SourceCounts,
  type SourceCountsDelta,
  type SourceMetricsStore,
  type SourceTotals,
} from './SourceMetricsStore.js';
export { KnexSourceMetricsStore } from './knex/KnexSourceMetricsStore.js';
export {
  collectStats,
  MINUTE_MS,
  type TenantStatsBucket,
  type TenantStatsDelta,
  type TenantStatsStore,
} from './TenantStatsStore.js';
export { KnexTenantStatsStore } from './knex/KnexTenantStatsStore.js';
export type { OperationalEventRepository } from './OperationalEventRepository.js';
export { KnexOperationalEventRepository } from './knex/KnexOperationalEventRepository.js';
export type { BreakerEndpoint, BreakerRow, BreakerRowState, BreakerStore } from './BreakerStore.js';
export { KnexBreakerStore } from './knex/KnexBreakerStore.js';
export { ENCRYPTED_COLUMNS, reencryptStoredSecrets } from './knex/KnexKeyReencryption.js';
export type { ColumnReport, KeyReencryptionOptions, Storage } from './Storage.js';
export { createKnexStorage } from './knex/createKnexStorage.js';
