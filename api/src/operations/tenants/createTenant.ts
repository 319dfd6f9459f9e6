import type { Handler } from '../Handler.js';
import { toTenantResource } from './toTenantResource.js';

export const createTenant: Handler<'createTenant'> = async ({ body }, { tenants }) => {
  const tenant = await tenants.create({
    name: body.name,
    ...(body.limits ? { limits: body.limits } : {}),
    ...(body.defaultEgressPoolId !== undefined ? { defaultEgressPoolId: body.defaultEgressPoolId } : {}),
  });
  return { status: 201, body: toTenantResource(tenant) };
};
