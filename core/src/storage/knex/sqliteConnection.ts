import type { Database } from '../createDatabase.js';

/** The parts of a better-sqlite3 statement Caravan's synchronous transactions use. */
export interface SqliteStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

/** The parts of a raw better-sqlite3 connection Caravan's synchronous transactions use. */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  pragma(sql: string, options?: { simple: boolean }): unknown;
  transaction<R>(fn: () => R): { immediate(): R };
}

interface KnexClientPool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/**
 * Runs `fn` on one raw better-sqlite3 connection of knex's pool and gives it back. Caravan's SQLite
 * writers use it to run a whole transaction synchronously (`BEGIN IMMEDIATE`), so the write lock is
 * never held across an `await` (see `stepTransaction`).
 */
export async function withSqliteConnection<T>(
  db: Database,
  fn: (conn: SqliteConnection) => T | Promise<T>,
): Promise<T> {
  const client = db.client as KnexClientPool;
  const conn = (await client.acquireConnection()) as SqliteConnection;
  try {
    return await fn(conn);
  } finally {
    await client.releaseConnection(conn);
  }
}

const statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();
// Bounds memory: statements whose text varies (multi-row inserts of every size) cannot pile up.
const MAX_STATEMENTS = 256;

/**
 * `conn.prepare(sql)`, prepared once per connection: hot statements (the dispatcher's outcome updates,
 * one per row with the same text) are parsed once, not on every run.
 */
export function preparedStatement(conn: SqliteConnection, sql: string): SqliteStatement {
  let cache = statements.get(conn);
  if (!cache) statements.set(conn, (cache = new Map<string, SqliteStatement>()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    cache.set(sql, (statement = conn.prepare(sql)));
  }
  return statement;
}
