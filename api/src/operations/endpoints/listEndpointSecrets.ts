import type { Handler } from '../Handler.js';
import { toEndpointSecretResource } from './toEndpointResource.js';

export const listEndpointSecrets: Handler<'listEndpointSecrets'> = async (
  { tenantId, params },
  { endpoints },
) => {
  const secrets = await endpoints.listSecrets(tenantId, params.endpointId);
  return { status: 200, body: { data: secrets.map(toEndpointSecretResource) } };
};
