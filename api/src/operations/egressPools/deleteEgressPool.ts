import type { Handler } from '../Handler.js';

export const deleteEgressPool: Handler<'deleteEgressPool'> = async ({ params }, { egressPools }) => {
  await egressPools.delete(params.poolId);
  return { status: 204, body: undefined };
};
