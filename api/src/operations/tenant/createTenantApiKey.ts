import { epochOrNull, iso, isoOrNull, type Handler } from '../Handler.js';

export const createTenantApiKey: Handler<'createTenantApiKey'> = async ({ tenantId, body }, { tenants }) => {
  const expiresAt = epochOrNull(body?.expiresAt);
  const { apiKey, key } = await tenants.createApiKey(tenantId, {
    ...(body?.name !== undefined ? { name: body.name } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
  return {
    status: 201,
    body: {
      id: apiKey.id,
      name: apiKey.name,
      prefix: apiKey.prefix,
      key,
      expiresAt: isoOrNull(apiKey.expiresAt),
      createdAt: iso(apiKey.createdAt),
    },
  };
};
