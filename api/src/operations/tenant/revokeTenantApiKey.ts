import { HttpProblem } from '../../http/problems.js';
import type { Handler } from '../Handler.js';

export const revokeTenantApiKey: Handler<'revokeTenantApiKey'> = async (
  { principal, params },
  { tenants },
) => {
  // Only a tenant key reaches here (a portal token is stopped by portalScope); the check keeps the type honest.
  if (principal.kind !== 'tenant') throw new HttpProblem('CARAVAN_NOT_FOUND', 'No such operation.');
  await tenants.revokeOwnApiKey(principal, params.keyId);
  return { status: 204, body: undefined };
};
