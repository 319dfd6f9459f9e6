import type { Handler } from '../Handler.js';

export const replayDeadLetter: Handler<'replayDeadLetter'> = async ({ tenantId, params }, { sources }) => {
  const result = await sources.replayDeadLetter(tenantId, params.sourceId, params.deadLetterId);
  return { status: 202, body: { id: result.id, duplicate: result.duplicate } };
};
