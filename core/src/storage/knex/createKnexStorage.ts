import type { KeyRing } from '../../crypto/KeyRing.js';
import { pingDatabase, type Database } from '../createDatabase.js';
import type { Storage } from '../Storage.js';
import { KnexBreakerStore } from './KnexBreakerStore.js';
import { KnexDeliveryRepository } from './KnexDeliveryRepository.js';
import { KnexDispatchRepository } from './KnexDispatchRepository.js';
import { KnexEgressPoolRepository } from './KnexEgressPoolRepository.js';
import { KnexEndpointRepository } from './KnexEndpointRepository.js';
import { KnexEventRepository } from './KnexEventRepository.js';
import { KnexEventTypeRepository } from './KnexEventTypeRepository.js';
import { KnexIdempotencyRepository } from './KnexIdempotencyRepository.js';
import { KnexJobRepository } from './KnexJobRepository.js';
import { reencryptStoredSecrets } from './KnexKeyReencryption.js';
import { KnexOperationalEventRepository } from './KnexOperationalEventRepository.js';
import { KnexRoutingRepository } from './KnexRoutingRepository.js';
import { KnexSchedulerRepository } from './KnexSchedulerRepository.js';
import { KnexSourceLeases } from './KnexSourceLeases.js';
import { KnexSourceMetricsStore } from './KnexSourceMetricsStore.js';
import { KnexSourceRepository } from './KnexSourceRepository.js';
import { KnexTenantRepository } from './KnexTenantRepository.js';
import { KnexTenantStatsStore } from './KnexTenantStatsStore.js';

/**
 * Every {@link Storage} port on one knex database (MySQL/MariaDB or SQLite), each built once. The key
 * ring seals what a repository stores encrypted by itself (egress-pool proxy credentials).
 */
export function createKnexStorage(db: Database, keyRing: KeyRing): Storage {
  const deps = { db };
  return {
    tenants: new KnexTenantRepository(deps),
    endpoints: new KnexEndpointRepository(deps),
    eventTypes: new KnexEventTypeRepository(deps),
    egressPools: new KnexEgressPoolRepository({ db, keyRing }),
    idempotency: new KnexIdempotencyRepository(deps),
    events: new KnexEventRepository(deps),
    routing: new KnexRoutingRepository(deps),
    deliveries: new KnexDeliveryRepository(deps),
    dispatch: new KnexDispatchRepository(deps),
    scheduler: new KnexSchedulerRepository(deps),
    jobs: new KnexJobRepository(deps),
    sources: new KnexSourceRepository(deps),
    sourceMetrics: new KnexSourceMetricsStore(deps),
    tenantStats: new KnexTenantStatsStore(deps),
    operationalEvents: new KnexOperationalEventRepository(deps),
    breakers: new KnexBreakerStore(deps),
    sourceLeases: ({ workerId, leaseMs }) => new KnexSourceLeases({ db, workerId, leaseMs }),
    ping: () => pingDatabase(db),
    reencryptSecrets: (keyRing, options) => reencryptStoredSecrets({ db, keyRing }, options),
  };
}
