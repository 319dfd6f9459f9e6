import type { KeyRing } from '../crypto/KeyRing.js';
import type { BreakerStore } from './BreakerStore.js';
import type { DeliveryRepository } from './DeliveryRepository.js';
import type { DispatchRepository } from './DispatchRepository.js';
import type { EgressPoolRepository } from './EgressPoolRepository.js';
import type { EndpointRepository } from './EndpointRepository.js';
import type { EventRepository } from './EventRepository.js';
import type { EventTypeRepository } from './EventTypeRepository.js';
import type { IdempotencyRepository } from './IdempotencyRepository.js';
import type { JobRepository } from './JobRepository.js';
import type { OperationalEventRepository } from './OperationalEventRepository.js';
import type { RoutingRepository } from './RoutingRepository.js';
import type { SchedulerRepository } from './SchedulerRepository.js';
import type { SourceLeases } from './SourceLeases.js';
import type { SourceMetricsStore } from './SourceMetricsStore.js';
import type { SourceRepository } from './SourceRepository.js';
import type { TenantRepository } from './TenantRepository.js';
import type { TenantStatsStore } from './TenantStatsStore.js';

/** What a pass of {@link Storage.reencryptSecrets} found in one encrypted column. */
export interface ColumnReport {
  /** `table.column` */
  column: string;
  /** Values looked at. */
  scanned: number;
  /** Values rewritten under the primary key by this pass. */
  reencrypted: number;
  /** Values by the key that encrypts them after the pass (`unreadable`: not decryptable, see `failures`). */
  byKey: Record<string, number>;
  /** Rows whose value could not be decrypted (its key is not in the ring, or it was altered). */
  failures: { id: string; message: string }[];
}

export interface KeyReencryptionOptions {
  /** Rows read and rewritten per step (default 100): each step is short, so live traffic is not held up. */
  batchSize?: number;
  /** Only count, rewrite nothing (`caravan keys status`). */
  dryRun?: boolean;
  /** Called after each batch, e.g. to print progress or pause between batches. */
  afterBatch?: (report: ColumnReport) => Promise<void> | void;
}

/**
 * Every storage port of one installation, built once on one database by the composition root
 * (`createKnexStorage`) and handed to the services and roles that need them. Roles never build an
 * adapter themselves.
 */
export interface Storage {
  tenants: TenantRepository;
  endpoints: EndpointRepository;
  eventTypes: EventTypeRepository;
  egressPools: EgressPoolRepository;
  idempotency: IdempotencyRepository;
  /** Persisted events, as the API lists them. */
  events: EventRepository;
  /** The router's writes: events and their deliveries. */
  routing: RoutingRepository;
  /** Deliveries and attempts, as the API lists and retries them. */
  deliveries: DeliveryRepository;
  /** The dispatcher's reads and batched outcome writes. */
  dispatch: DispatchRepository;
  /** The scheduler's claims of due deliveries. */
  scheduler: SchedulerRepository;
  jobs: JobRepository;
  sources: SourceRepository;
  sourceMetrics: SourceMetricsStore;
  /** Per-tenant counters by minute (events, attempts) for the dashboard's charts. */
  tenantStats: TenantStatsStore;
  operationalEvents: OperationalEventRepository;
  breakers: BreakerStore;
  /** Source leases held by one worker process (`workerId` unique per process, e.g. host:pid). */
  sourceLeases(holder: { workerId: string; leaseMs: number }): SourceLeases;
  /** True when the database answers; readiness checks call it. */
  ping(): Promise<boolean>;
  /** Re-encrypts every stored secret under the key ring's primary key (`caravan keys`). */
  reencryptSecrets(keyRing: KeyRing, options?: KeyReencryptionOptions): Promise<ColumnReport[]>;
}
