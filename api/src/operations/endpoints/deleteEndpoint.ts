import type { Handler } from '../Handler.js';

export const deleteEndpoint: Handler<'deleteEndpoint'> = async ({ tenantId, params }, { endpoints }) => {
  await endpoints.delete(tenantId, params.endpointId);
  return { status: 204, body: undefined };
};
