import type { components } from '../../generated/openapi.js';
import { iso, type Handler } from '../Handler.js';

type OperationalEventResource = components['schemas']['OperationalEvent'];

export const listOperationalEvents: Handler<'listOperationalEvents'> = async (
  { tenantId, query },
  { operationalEvents },
) => {
  const page = await operationalEvents.list(tenantId, query.type, {
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
  return {
    status: 200,
    body: {
      data: page.data.map(
        (e) =>
          ({ id: e.id, type: e.type, createdAt: iso(e.createdAt), data: e.data }) as OperationalEventResource,
      ),
      nextCursor: page.nextCursor,
    },
  };
};
