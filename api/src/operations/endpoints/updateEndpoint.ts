import type { Handler } from '../Handler.js';
import { toEndpointResource } from './toEndpointResource.js';

export const updateEndpoint: Handler<'updateEndpoint'> = async (
  { tenantId, params, body },
  { endpoints },
) => ({
  status: 200,
  body: toEndpointResource(await endpoints.update(tenantId, params.endpointId, body)),
});
