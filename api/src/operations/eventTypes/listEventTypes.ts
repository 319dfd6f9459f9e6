import type { Handler } from '../Handler.js';
import { toEventTypeResource } from './toEventTypeResource.js';

export const listEventTypes: Handler<'listEventTypes'> = async ({ tenantId, query }, { eventTypes }) => {
  const page = await eventTypes.list(tenantId, { limit: query.limit ?? 50, cursor: query.cursor });
  return { status: 200, body: { data: page.data.map(toEventTypeResource), nextCursor: page.nextCursor } };
};
