import type { Tenant } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso } from '../Handler.js';

export function toTenantResource(t: Tenant): components['schemas']['Tenant'] {
  return {
    id: t.id,
    name: t.name,
    limits: { ...t.limits },
    operationsUrl: t.operationsUrl,
    hasOperationsSecret: t.hasOperationsSecret,
    defaultEgressPoolId: t.defaultEgressPoolId,
    requireRegisteredEventTypes: t.requireRegisteredEventTypes,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
  };
}
