import type { Handler } from '../Handler.js';
import { toDeliveryResource } from './toDeliveryResource.js';

export const getDelivery: Handler<'getDelivery'> = async ({ tenantId, params }, { deliveries }) => ({
  status: 200,
  body: toDeliveryResource(await deliveries.get(tenantId, params.deliveryId)),
});
