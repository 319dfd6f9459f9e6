import type { Handler } from '../Handler.js';
import { toEndpointResource } from './toEndpointResource.js';

export const createEndpoint: Handler<'createEndpoint'> = async ({ tenantId, body }, { endpoints }) => {
  const { endpoint, secret } = await endpoints.create(tenantId, body);
  return { status: 201, body: { ...toEndpointResource(endpoint), secret } };
};
