import {
  KeyRing,
  KnexTenantRepository,
  TenantService,
  systemClock,
  type Clock,
  type Database,
  type FrozenConfig,
} from '@caravan/core';
import type { Services } from './Services.js';

/** Builds the core services the API calls, on one database. */
export function createServices({
  config,
  db,
  clock = systemClock,
}: {
  config: FrozenConfig;
  db: Database;
  clock?: Clock;
}): Services {
  const keyRing = new KeyRing(config.encryption);
  const tenants = new TenantService({
    tenants: new KnexTenantRepository({ db }),
    keyRing,
    clock,
    adminKey: config.adminKey,
    tenantDefaults: { ...config.tenantDefaults },
  });
  return { tenants };
}
