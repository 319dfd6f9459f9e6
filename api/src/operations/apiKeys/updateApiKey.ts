import { epochOrNull, type Handler } from '../Handler.js';
import { toApiKeyResource } from './toApiKeyResource.js';

export const updateApiKey: Handler<'updateApiKey'> = async ({ params, body }, { tenants }) => {
  const expiresAt = epochOrNull(body.expiresAt);
  const key = await tenants.updateApiKey(params.tenantId, params.keyId, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
  return { status: 200, body: toApiKeyResource(key) };
};
