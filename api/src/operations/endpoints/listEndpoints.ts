import type { Handler } from '../Handler.js';
import { toEndpointResource } from './toEndpointResource.js';

export const listEndpoints: Handler<'listEndpoints'> = async ({ tenantId, query }, { endpoints }) => {
  const page = await endpoints.list(tenantId, query.ownerId !== undefined ? { ownerId: query.ownerId } : {}, {
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
  return { status: 200, body: { data: page.data.map(toEndpointResource), nextCursor: page.nextCursor } };
};
