import { epoch, type Handler } from '../Handler.js';
import { toJobResource } from '../jobs/toJobResource.js';

export const recoverEndpoint: Handler<'recoverEndpoint'> = async (
  { tenantId, params, body },
  { endpoints },
) => {
  const job = await endpoints.recover(tenantId, params.endpointId, {
    since: epoch(body.since),
    ...(body.until !== undefined ? { until: epoch(body.until) } : {}),
  });
  return { status: 202, body: toJobResource(job), headers: { location: `/v1/jobs/${job.id}` } };
};
