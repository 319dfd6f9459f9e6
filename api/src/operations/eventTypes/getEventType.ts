import type { Handler } from '../Handler.js';
import { toEventTypeResource } from './toEventTypeResource.js';

export const getEventType: Handler<'getEventType'> = async ({ tenantId, params }, { eventTypes }) => ({
  status: 200,
  body: toEventTypeResource(await eventTypes.get(tenantId, params.eventTypeName)),
});
