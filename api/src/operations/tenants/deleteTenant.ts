import type { Handler } from '../Handler.js';

export const deleteTenant: Handler<'deleteTenant'> = async ({ params }, { tenants }) => {
  await tenants.delete(params.tenantId);
  return { status: 204, body: undefined };
};
