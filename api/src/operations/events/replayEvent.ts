import type { Handler } from '../Handler.js';
import { toJobResource } from '../jobs/toJobResource.js';

export const replayEvent: Handler<'replayEvent'> = async ({ tenantId, params }, { events }) => {
  const job = await events.replay(tenantId, params.eventId);
  return { status: 202, body: toJobResource(job), headers: { location: `/v1/jobs/${job.id}` } };
};
