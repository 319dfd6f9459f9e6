import { iso, type Handler } from '../Handler.js';

export const createPortalToken: Handler<'createPortalToken'> = async (
  { tenantId, body },
  { tenants, portalTokens },
) => {
  await tenants.get(tenantId);
  const { token, expiresAt } = portalTokens.issue({
    tenantId,
    ownerId: body.ownerId,
    ttlSeconds: body.ttlSeconds ?? 3600,
  });
  return { status: 201, body: { token, ownerId: body.ownerId, expiresAt: iso(expiresAt) } };
};
