import type { Handler } from '../Handler.js';
import { toSourceTypeResource } from './toSourceTypeResource.js';

export const getSourceType: Handler<'getSourceType'> = async ({ params }, { sources }) => {
  return { status: 200, body: toSourceTypeResource(await sources.getType(params.sourceTypeId)) };
};
