import type { Database } from '../createDatabase.js';
import { withSqliteConnection, type SqliteConnection, type SqliteStatement } from './sqliteConnection.js';

/** A row an insert skipped: what the table already holds under its id. */
export interface PresentRow {
  id: string;
  tenant_id: string;
  created_at: number | string;
}

/** Inserts rows inside a {@link sqliteWriteTransaction}; see {@link SqliteRoutingWriter.insertIgnoring}. */
export interface SqliteRoutingWriter {
  /**
   * Inserts rows (all with the same columns, one of them `id`), ignoring rows whose id exists, and
   * answers how many were new and, with `readBack`, what the table holds for the others. Each row's
   * own insert says whether it was new, so nothing is read when every row is.
   */
  insertIgnoring(
    table: 'events' | 'deliveries',
    rows: readonly object[],
    readBack: boolean,
  ): { inserted: number; present: PresentRow[] };
}

const statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

// The router's statements are few and run all the time: each connection prepares them once.
function prepared(conn: SqliteConnection, sql: string): SqliteStatement {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map<string, SqliteStatement>()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = conn.prepare(sql)));
  return statement;
}

/**
 * Runs `fn` as one synchronous better-sqlite3 transaction (`BEGIN IMMEDIATE`): the router's events and
 * deliveries become visible together, and the write lock is held only while the transaction runs. A
 * knex transaction would hold it across awaits, and a synchronous writer of this process (the SQL log's
 * append works the same way) would then busy-wait on it with the event loop blocked until
 * `busy_timeout`.
 */
export async function sqliteWriteTransaction<T>(
  db: Database,
  fn: (writer: SqliteRoutingWriter) => T,
): Promise<T> {
  return withSqliteConnection(db, (conn) =>
    conn
      .transaction(() =>
        fn({ insertIgnoring: (table, rows, readBack) => insertIgnoring(conn, table, rows, readBack) }),
      )
      .immediate(),
  );
}

function insertIgnoring(
  conn: SqliteConnection,
  table: 'events' | 'deliveries',
  rows: readonly object[],
  readBack: boolean,
): { inserted: number; present: PresentRow[] } {
  let inserted = 0;
  const present: PresentRow[] = [];
  if (rows.length === 0) return { inserted, present };
  const columns = Object.keys(rows[0]!);
  const insert = prepared(
    conn,
    `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict (id) do nothing`,
  );
  const read = prepared(conn, `select id, tenant_id, created_at from ${table} where id = ?`);
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    if (insert.run(...columns.map((c) => values[c])).changes > 0) {
      inserted++;
      continue;
    }
    if (!readBack) continue;
    const stored = read.get(values.id) as PresentRow | undefined;
    if (stored) present.push(stored);
  }
  return { inserted, present };
}
