import type { Handler } from '../Handler.js';
import { toSourceResource } from './toSourceResource.js';

export const listSources: Handler<'listSources'> = async ({ tenantId, query }, { sources }) => {
  const page = await sources.list(tenantId, { limit: query.limit ?? 50, cursor: query.cursor });
  return { status: 200, body: { data: page.data.map(toSourceResource), nextCursor: page.nextCursor } };
};
