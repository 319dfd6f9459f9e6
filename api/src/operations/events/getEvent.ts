import type { Handler } from '../Handler.js';
import { toEventResource } from './toEventResource.js';

export const getEvent: Handler<'getEvent'> = async ({ tenantId, params }, { events }) => ({
  status: 200,
  body: toEventResource(await events.get(tenantId, params.eventId)),
});
