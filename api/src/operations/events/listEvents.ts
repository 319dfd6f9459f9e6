import { epoch, type Handler } from '../Handler.js';
import { toEventSummaryResource } from './toEventResource.js';

export const listEvents: Handler<'listEvents'> = async ({ tenantId, query }, { events }) => {
  const page = await events.list(
    tenantId,
    {
      ...(query.eventType !== undefined ? { eventType: query.eventType } : {}),
      ...(query.ownerId !== undefined ? { ownerId: query.ownerId } : {}),
      ...(query.since !== undefined ? { since: epoch(query.since) } : {}),
      ...(query.until !== undefined ? { until: epoch(query.until) } : {}),
    },
    { limit: query.limit ?? 50, cursor: query.cursor },
  );
  return { status: 200, body: { data: page.data.map(toEventSummaryResource), nextCursor: page.nextCursor } };
};
