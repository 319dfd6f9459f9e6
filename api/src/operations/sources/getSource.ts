import type { Handler } from '../Handler.js';
import { toSourceResource } from './toSourceResource.js';

export const getSource: Handler<'getSource'> = async ({ tenantId, params }, { sources }) => {
  return { status: 200, body: toSourceResource(await sources.get(tenantId, params.sourceId)) };
};
