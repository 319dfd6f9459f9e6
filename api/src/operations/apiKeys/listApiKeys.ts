import type { Handler } from '../Handler.js';
import { toApiKeyResource } from './toApiKeyResource.js';

export const listApiKeys: Handler<'listApiKeys'> = async ({ params, query }, { tenants }) => {
  const page = await tenants.listApiKeys(params.tenantId, { limit: query.limit ?? 50, cursor: query.cursor });
  return { status: 200, body: { data: page.data.map(toApiKeyResource), nextCursor: page.nextCursor } };
};
