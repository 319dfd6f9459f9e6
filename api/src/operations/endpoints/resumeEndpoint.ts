import type { Handler } from '../Handler.js';
import { toEndpointResource } from './toEndpointResource.js';

export const resumeEndpoint: Handler<'resumeEndpoint'> = async ({ tenantId, params }, { endpoints }) => ({
  status: 200,
  body: toEndpointResource(await endpoints.resume(tenantId, params.endpointId)),
});
