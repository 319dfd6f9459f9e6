import type { Handler } from '../Handler.js';
import { toEventTypeResource } from './toEventTypeResource.js';

export const createEventType: Handler<'createEventType'> = async ({ tenantId, body }, { eventTypes }) => {
  const eventType = await eventTypes.create(tenantId, {
    name: body.name,
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.schema !== undefined ? { schema: body.schema } : {}),
  });
  return { status: 201, body: toEventTypeResource(eventType) };
};
