import type { Handler } from '../Handler.js';
import { toEgressPoolResource } from './toEgressPoolResource.js';

export const getEgressPool: Handler<'getEgressPool'> = async ({ params }, { egressPools }) => ({
  status: 200,
  body: toEgressPoolResource(await egressPools.get(params.poolId)),
});
