import type { Handler } from '../Handler.js';
import { toEndpointHealthResource } from './toEndpointResource.js';

export const getEndpointHealth: Handler<'getEndpointHealth'> = async (
  { tenantId, params },
  { endpoints },
) => ({
  status: 200,
  body: toEndpointHealthResource(await endpoints.health(tenantId, params.endpointId)),
});
