import type { Handler } from '../Handler.js';

export const listTenantEgressPools: Handler<'listTenantEgressPools'> = async (
  { tenantId, query },
  { egressPools },
) => {
  const page = await egressPools.listForTenant(tenantId, { limit: query.limit ?? 50, cursor: query.cursor });
  return {
    status: 200,
    body: {
      data: page.data.map((p) => ({
        id: p.id,
        name: p.name,
        publicIps: [...p.publicIps],
        isDefault: p.isDefault,
      })),
      nextCursor: page.nextCursor,
    },
  };
};
