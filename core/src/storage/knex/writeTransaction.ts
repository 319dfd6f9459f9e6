import type { Knex } from 'knex';
import { isMysql, type Database } from '../createDatabase.js';

const queues = new WeakMap<Database, Promise<unknown>>();

/**
 * `db.transaction(fn)`, except that on SQLite the write transactions of one process run one at a time.
 *
 * better-sqlite3 is synchronous: when a second pooled connection wants the write lock that an open knex
 * transaction holds, it busy-waits on the event loop the open transaction needs to finish, so both stall
 * until `busy_timeout` and the second fails with "database is locked". Queuing them in-process avoids
 * that; other processes sharing the file still wait on SQLite's own lock. MySQL needs no queue.
 */
export function writeTransaction<T>(db: Database, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (isMysql(db)) return db.transaction(fn);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(fn),
    () => db.transaction(fn),
  );
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
