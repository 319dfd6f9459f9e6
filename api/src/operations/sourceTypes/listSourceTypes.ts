import type { Handler } from '../Handler.js';
import { toSourceTypeResource } from './toSourceTypeResource.js';

export const listSourceTypes: Handler<'listSourceTypes'> = async (_request, { sources }) => {
  return { status: 200, body: { data: (await sources.listTypes()).map(toSourceTypeResource) } };
};
