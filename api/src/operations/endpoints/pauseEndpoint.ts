import type { Handler } from '../Handler.js';
import { toEndpointResource } from './toEndpointResource.js';

export const pauseEndpoint: Handler<'pauseEndpoint'> = async ({ tenantId, params }, { endpoints }) => ({
  status: 200,
  body: toEndpointResource(await endpoints.pause(tenantId, params.endpointId)),
});
