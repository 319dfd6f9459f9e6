import type { Handler } from '../Handler.js';
import { toEndpointResource } from './toEndpointResource.js';

export const getEndpoint: Handler<'getEndpoint'> = async ({ tenantId, params }, { endpoints }) => ({
  status: 200,
  body: toEndpointResource(await endpoints.get(tenantId, params.endpointId)),
});
