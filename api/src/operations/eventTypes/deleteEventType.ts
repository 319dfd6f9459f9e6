import type { Handler } from '../Handler.js';

export const deleteEventType: Handler<'deleteEventType'> = async ({ tenantId, params }, { eventTypes }) => {
  await eventTypes.delete(tenantId, params.eventTypeName);
  return { status: 204, body: undefined };
};
