import type { Handler } from '../Handler.js';

export const revokeApiKey: Handler<'revokeApiKey'> = async ({ params }, { tenants }) => {
  await tenants.revokeApiKey(params.tenantId, params.keyId);
  return { status: 204, body: undefined };
};
