import { epoch, type Handler } from '../Handler.js';
import { toJobResource } from '../jobs/toJobResource.js';

export const bulkRetryDeliveries: Handler<'bulkRetryDeliveries'> = async (
  { tenantId, body },
  { deliveries },
) => {
  const job = await deliveries.bulkRetry(tenantId, {
    status: body.status ?? ['failed'],
    since: epoch(body.since),
    ...(body.until ? { until: epoch(body.until) } : {}),
    ...(body.endpointId ? { endpointId: body.endpointId } : {}),
    ...(body.eventId ? { eventId: body.eventId } : {}),
    ...(body.eventType ? { eventType: body.eventType } : {}),
  });
  return { status: 202, body: toJobResource(job), headers: { Location: `/v1/jobs/${job.id}` } };
};
