import { maskEgressAddress, type EgressPool } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso } from '../Handler.js';

/** The operator's view; proxy credentials are write-only and show as `***`. */
export function toEgressPoolResource(p: EgressPool): components['schemas']['EgressPool'] {
  return {
    id: p.id,
    name: p.name,
    mode: p.mode,
    addresses: p.addresses.map(maskEgressAddress),
    publicIps: [...p.publicIps],
    allowAllTenants: p.allowAllTenants,
    allowedTenantIds: [...p.allowedTenantIds],
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}
