import type { Handler } from '../Handler.js';
import { toTenantResource } from '../tenants/toTenantResource.js';

export const updateOwnTenant: Handler<'updateOwnTenant'> = async ({ tenantId, body }, { tenants }) => {
  const tenant = await tenants.updateOwn(tenantId, {
    ...(body.operationsUrl !== undefined ? { operationsUrl: body.operationsUrl } : {}),
    ...(body.operationsSecret !== undefined ? { operationsSecret: body.operationsSecret } : {}),
    ...(body.defaultEgressPoolId !== undefined ? { defaultEgressPoolId: body.defaultEgressPoolId } : {}),
    ...(body.requireRegisteredEventTypes !== undefined
      ? { requireRegisteredEventTypes: body.requireRegisteredEventTypes }
      : {}),
  });
  return { status: 200, body: { ...toTenantResource(tenant), usage: await tenants.usage(tenantId) } };
};
