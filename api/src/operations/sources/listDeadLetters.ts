import type { Handler } from '../Handler.js';
import { toDeadLetterResource } from './toSourceResource.js';

export const listDeadLetters: Handler<'listDeadLetters'> = async (
  { tenantId, params, query },
  { sources },
) => {
  const page = await sources.listDeadLetters(tenantId, params.sourceId, {
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
  return { status: 200, body: { data: page.data.map(toDeadLetterResource), nextCursor: page.nextCursor } };
};
