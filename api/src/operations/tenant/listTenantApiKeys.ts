import type { Handler } from '../Handler.js';
import { toApiKeyResource } from '../apiKeys/toApiKeyResource.js';

export const listTenantApiKeys: Handler<'listTenantApiKeys'> = async ({ tenantId, query }, { tenants }) => {
  const page = await tenants.listApiKeys(tenantId, { limit: query.limit ?? 50, cursor: query.cursor });
  return { status: 200, body: { data: page.data.map(toApiKeyResource), nextCursor: page.nextCursor } };
};
