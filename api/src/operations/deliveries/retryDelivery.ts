import type { Handler } from '../Handler.js';
import { toDeliveryResource } from './toDeliveryResource.js';

export const retryDelivery: Handler<'retryDelivery'> = async ({ tenantId, params }, { deliveries }) => ({
  status: 202,
  body: toDeliveryResource(await deliveries.retry(tenantId, params.deliveryId)),
});
