import type { TenantService } from '@caravan/core';

/** The core services operation handlers call, built once by the composition root. */
export interface Services {
  tenants: TenantService;
}
