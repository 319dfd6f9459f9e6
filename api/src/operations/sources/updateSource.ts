import type { Handler } from '../Handler.js';
import { toSourceResource } from './toSourceResource.js';

export const updateSource: Handler<'updateSource'> = async ({ tenantId, params, body }, { sources }) => {
  const source = await sources.update(tenantId, params.sourceId, body);
  return { status: 200, body: toSourceResource(source) };
};
