import { operationalEventResource } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import type { Handler } from '../Handler.js';

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
      data: page.data.map((e) => operationalEventResource(e) as OperationalEventResource),
      nextCursor: page.nextCursor,
    },
  };
};
