import type { Knex } from 'knex';
import { decodeTimeCursor } from '../Page.js';

/**
 * Orders a list newest first on (created_at, id), continues after `cursor` when one is given, and
 * fetches one row past `limit` so the page knows whether another follows (see `toPage`).
 */
export function newestFirst(
  q: Knex.QueryBuilder,
  cursor: string | undefined,
  limit: number,
): Knex.QueryBuilder {
  if (cursor) {
    const at = decodeTimeCursor(cursor);
    void q.andWhere((w) => {
      void w.where('created_at', '<', at.value).orWhere((x) => {
        void x.where('created_at', '=', at.value).andWhere('id', '<', at.id);
      });
    });
  }
  return q
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit + 1);
}
