import type { Handler } from '../Handler.js';

export const deleteSource: Handler<'deleteSource'> = async ({ tenantId, params }, { sources }) => {
  await sources.delete(tenantId, params.sourceId);
  return { status: 204, body: undefined };
};
