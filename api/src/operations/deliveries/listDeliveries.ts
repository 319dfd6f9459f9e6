import { epoch, type Handler } from '../Handler.js';
import { toDeliveryResource } from './toDeliveryResource.js';

export const listDeliveries: Handler<'listDeliveries'> = async ({ tenantId, query }, { deliveries }) => {
  const status =
    query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
  const page = await deliveries.list(
    tenantId,
    {
      ...(status ? { status } : {}),
      ...(query.endpointId ? { endpointId: query.endpointId } : {}),
      ...(query.ownerId !== undefined ? { ownerId: query.ownerId } : {}),
      ...(query.eventId ? { eventId: query.eventId } : {}),
      ...(query.since ? { since: epoch(query.since) } : {}),
      ...(query.until ? { until: epoch(query.until) } : {}),
    },
    { limit: query.limit ?? 50, cursor: query.cursor },
  );
  return { status: 200, body: { data: page.data.map(toDeliveryResource), nextCursor: page.nextCursor } };
};
