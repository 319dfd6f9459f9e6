import type { Handler } from '../Handler.js';
import { toSourceResource } from './toSourceResource.js';

export const pauseSource: Handler<'pauseSource'> = async ({ tenantId, params }, { sources }) => {
  return { status: 200, body: toSourceResource(await sources.setPaused(tenantId, params.sourceId, true)) };
};
