import type { Handler } from '../Handler.js';
import { toTenantResource } from './toTenantResource.js';

export const createTenant: Handler<'createTenant'> = async ({ body }, { tenants }) => {
  const tenant = await tenants.create({
    name: body.name,
    ...(body.limits ? { limits: body.limits } : {}),
    ...(body.defaultEgressPoolId !== undefined ? { defaultEgressPoolId: body.defaultEgressPoolId } : {}),
    ...(body.requireRegisteredEventTypes !== undefined
      ? { requireRegisteredEventTypes: body.requireRegisteredEventTypes }
      : {}),
  });
  return { status: 201, body: toTenantResource(tenant) };
};
