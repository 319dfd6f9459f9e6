import type { Knex } from 'knex';
import { isMysql, type Database } from '../createDatabase.js';
import { preparedStatement, withSqliteConnection, type SqliteConnection } from './sqliteConnection.js';

/** A statement a transaction body yields: a select resolves to its rows, a write to the rows it changed. */
export type Step = Knex.QueryBuilder | Knex.Raw;

/**
 * A transaction written as a generator: it builds each statement with `q` and yields it, and gets the
 * statement's result back. Only `yield` may wait; the body itself must not do I/O.
 */
export type TransactionBody<T> = (q: Knex) => Generator<Step, T, unknown>;

const BUSY_GIVE_UP_MS = 10_000;

/**
 * Runs a transaction body on MySQL as an ordinary knex transaction, and on SQLite as one synchronous
 * better-sqlite3 transaction opened with BEGIN IMMEDIATE.
 *
 * Why SQLite needs this: a knex transaction awaits between statements while it holds the write lock.
 * Any other pooled connection of the process that writes meanwhile (the SQL log commits offsets all the
 * time) busy-waits *synchronously* for the lock, blocking the event loop the open transaction needs to
 * finish: everything stalls until busy_timeout. A synchronous transaction holds the lock only while it
 * runs, so nothing in this process can wait on it. Taking the lock is tried without busy-waiting, and
 * retried asynchronously while another transaction (this process's or another's) holds it.
 */
export async function stepTransaction<T>(
  db: Database,
  body: TransactionBody<T>,
  options: { isolationLevel?: Knex.IsolationLevels } = {},
): Promise<T> {
  if (isMysql(db)) {
    return db.transaction(
      async (trx) => {
        const steps = body(trx);
        let input: unknown;
        for (;;) {
          const step = steps.next(input);
          if (step.done) return step.value;
          input = await step.value;
        }
      },
      options.isolationLevel ? { isolationLevel: options.isolationLevel } : {},
    );
  }
  const giveUpAt = Date.now() + BUSY_GIVE_UP_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await withSqliteConnection(db, (conn) => runSqlite(db, conn, body));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function runSqlite<T>(db: Database, conn: SqliteConnection, body: TransactionBody<T>): T {
  const busyTimeout = conn.pragma('busy_timeout', { simple: true });
  // Fail at once instead of blocking the event loop when another connection holds the write lock.
  conn.pragma('busy_timeout = 0');
  try {
    return conn
      .transaction(() => {
        const steps = body(db);
        let input: unknown;
        for (;;) {
          const step = steps.next(input);
          if (step.done) return step.value;
          const { sql, bindings } = step.value.toSQL().toNative();
          const statement = preparedStatement(conn, sql);
          input = statement.reader ? statement.all(...bindings) : statement.run(...bindings).changes;
        }
      })
      .immediate();
  } finally {
    conn.pragma(`busy_timeout = ${Number(busyTimeout)}`);
  }
}
