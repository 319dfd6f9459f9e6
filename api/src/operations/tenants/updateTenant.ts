import type { Handler } from '../Handler.js';
import { toTenantResource } from './toTenantResource.js';

export const updateTenant: Handler<'updateTenant'> = async ({ params, body }, { tenants }) => {
  const tenant = await tenants.update(params.tenantId, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.limits ? { limits: body.limits } : {}),
    ...(body.defaultEgressPoolId !== undefined ? { defaultEgressPoolId: body.defaultEgressPoolId } : {}),
    ...(body.requireRegisteredEventTypes !== undefined
      ? { requireRegisteredEventTypes: body.requireRegisteredEventTypes }
      : {}),
  });
  return { status: 200, body: toTenantResource(tenant) };
};
