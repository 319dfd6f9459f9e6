import type { Handler } from '../Handler.js';
import { toEventTypeResource } from './toEventTypeResource.js';

export const updateEventType: Handler<'updateEventType'> = async (
  { tenantId, params, body },
  { eventTypes },
) => {
  const eventType = await eventTypes.update(tenantId, params.eventTypeName, {
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.schema !== undefined ? { schema: body.schema } : {}),
  });
  return { status: 200, body: toEventTypeResource(eventType) };
};
