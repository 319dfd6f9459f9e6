import type { Handler } from '../Handler.js';
import { toJobResource } from './toJobResource.js';

export const getJob: Handler<'getJob'> = async ({ tenantId, params }, { deliveries }) => ({
  status: 200,
  body: toJobResource(await deliveries.job(tenantId, params.jobId)),
});
