import type { Handler } from '../Handler.js';
import { toEgressPoolResource } from './toEgressPoolResource.js';

export const updateEgressPool: Handler<'updateEgressPool'> = async ({ params, body }, { egressPools }) => {
  const pool = await egressPools.update(params.poolId, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.addresses !== undefined ? { addresses: body.addresses } : {}),
    ...(body.publicIps !== undefined ? { publicIps: body.publicIps } : {}),
    ...(body.allowAllTenants !== undefined ? { allowAllTenants: body.allowAllTenants } : {}),
    ...(body.allowedTenantIds !== undefined ? { allowedTenantIds: body.allowedTenantIds } : {}),
  });
  return { status: 200, body: toEgressPoolResource(pool) };
};
