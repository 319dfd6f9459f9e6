import type { Handler } from '../Handler.js';
import { toTenantResource } from './toTenantResource.js';

export const getTenant: Handler<'getTenant'> = async ({ params }, { tenants }) => ({
  status: 200,
  body: toTenantResource(await tenants.get(params.tenantId)),
});
