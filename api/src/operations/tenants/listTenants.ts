import type { Handler } from '../Handler.js';
import { toTenantResource } from './toTenantResource.js';

export const listTenants: Handler<'listTenants'> = async ({ query }, { tenants }) => {
  const page = await tenants.list({ limit: query.limit ?? 50, cursor: query.cursor });
  return { status: 200, body: { data: page.data.map(toTenantResource), nextCursor: page.nextCursor } };
};
