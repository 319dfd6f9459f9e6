import type { Handler } from '../Handler.js';
import { toSourceResource } from './toSourceResource.js';

export const createSource: Handler<'createSource'> = async ({ tenantId, body }, { sources }) => {
  const source = await sources.create(tenantId, body);
  return { status: 201, body: toSourceResource(source) };
};
