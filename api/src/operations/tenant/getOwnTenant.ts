import type { Handler } from '../Handler.js';
import { toTenantResource } from '../tenants/toTenantResource.js';

export const getOwnTenant: Handler<'getOwnTenant'> = async ({ tenantId }, { tenants }) => {
  const tenant = await tenants.get(tenantId);
  return { status: 200, body: { ...toTenantResource(tenant), usage: await tenants.usage(tenantId) } };
};
