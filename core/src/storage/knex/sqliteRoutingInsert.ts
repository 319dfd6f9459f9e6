import type { Database } from '../createDatabase.js';
import { withSqliteConnection } from './sqliteConnection.js';

/** Rows of one table, all with the same columns. */
export interface TableRows {
  table: 'events' | 'deliveries';
  rows: readonly object[];
}

/**
 * Inserts rows into several tables in one synchronous better-sqlite3 transaction (`BEGIN IMMEDIATE`),
 * ignoring rows whose id exists: the router's events and deliveries become visible together, and the
 * write lock is held only while the transaction runs. A knex transaction would hold it across awaits,
 * and a synchronous writer of this process (the SQL log's append works the same way) would then
 * busy-wait on it with the event loop blocked until `busy_timeout`.
 */
export async function insertIgnoringSqlite(db: Database, tables: readonly TableRows[]): Promise<void> {
  await withSqliteConnection(db, (conn) => {
    const statements = tables
      .filter(({ rows }) => rows.length > 0)
      .map(({ table, rows }) => {
        const columns = Object.keys(rows[0]!);
        const values = (row: object) => columns.map((c) => (row as Record<string, unknown>)[c]);
        const sql = `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) on conflict (id) do nothing`;
        return { statement: conn.prepare(sql), values, rows };
      });
    conn
      .transaction(() => {
        for (const { statement, values, rows } of statements) {
          for (const row of rows) statement.run(...values(row));
        }
      })
      .immediate();
  });
}
