import type { Handler } from '../Handler.js';
import { toAttemptResource } from './toDeliveryResource.js';

export const listDeliveryAttempts: Handler<'listDeliveryAttempts'> = async (
  { tenantId, params, query },
  { deliveries },
) => {
  const page = await deliveries.attempts(tenantId, params.deliveryId, {
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
  return { status: 200, body: { data: page.data.map(toAttemptResource), nextCursor: page.nextCursor } };
};
