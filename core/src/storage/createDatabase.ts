import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';
import type { DatabaseConfig, DeepReadonly } from '../config/index.js';

export type Database = Knex;

/**
 * Opens a knex connection pool for the configured database. SQLite runs in WAL mode with foreign keys
 * and a busy timeout, so the API and the worker roles of `caravan dev` can share one file.
 */
export function createDatabase(config: DeepReadonly<DatabaseConfig>): Database {
  if (config.client === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true });
    return knex({
      client: 'better-sqlite3',
      connection: { filename: config.filename },
      useNullAsDefault: true,
      pool: {
        // One connection for :memory: (each connection would be a different database).
        min: 1,
        max: config.filename === ':memory:' ? 1 : 4,
        afterCreate: (
          conn: { pragma(sql: string): unknown },
          done: (err: Error | null, conn: unknown) => void,
        ) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    });
  }
  return knex({
    client: 'mysql2',
    connection: {
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.database,
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      // A busy server can take seconds to finish a handshake; failing sooner only causes retries.
      connectTimeout: 30_000,
    },
    pool: { min: config.pool.min, max: config.pool.max },
  });
}

/** True when the database answers a trivial query; used by readiness checks. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}

export function isMysql(db: Database): boolean {
  const client = db.client as { config: { client: string } };
  return client.config.client === 'mysql2';
}
