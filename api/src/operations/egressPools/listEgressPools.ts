import type { Handler } from '../Handler.js';
import { toEgressPoolResource } from './toEgressPoolResource.js';

export const listEgressPools: Handler<'listEgressPools'> = async ({ query }, { egressPools }) => {
  const page = await egressPools.list({ limit: query.limit ?? 50, cursor: query.cursor });
  return { status: 200, body: { data: page.data.map(toEgressPoolResource), nextCursor: page.nextCursor } };
};
