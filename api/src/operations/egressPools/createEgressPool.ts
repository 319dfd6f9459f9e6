import type { Handler } from '../Handler.js';
import { toEgressPoolResource } from './toEgressPoolResource.js';

export const createEgressPool: Handler<'createEgressPool'> = async ({ body }, { egressPools }) => {
  const pool = await egressPools.create({
    name: body.name,
    mode: body.mode,
    addresses: body.addresses,
    publicIps: body.publicIps,
    ...(body.allowAllTenants !== undefined ? { allowAllTenants: body.allowAllTenants } : {}),
    ...(body.allowedTenantIds !== undefined ? { allowedTenantIds: body.allowedTenantIds } : {}),
  });
  return { status: 201, body: toEgressPoolResource(pool) };
};
