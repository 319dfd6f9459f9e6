import type { Services } from '../../server/Services.js';
import { epochOrNull, iso, isoOrNull, type HandlerResult, type RequestBody } from '../Handler.js';

/**
 * Creates a key for `tenantId` and answers it, shown this once: the operator's `createApiKey` and a
 * tenant's own `createTenantApiKey` differ only in where the tenant comes from.
 */
export async function issueApiKey(
  tenants: Services['tenants'],
  tenantId: string,
  // Both operations take and answer the same schemas (`CreateApiKeyRequest`, `ApiKeyCreated`).
  body: RequestBody<'createApiKey'>,
): Promise<HandlerResult<'createApiKey'>> {
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
}
