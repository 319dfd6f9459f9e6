import { randomBytes } from 'node:crypto';
import knex from 'knex';
import { createDatabase, type Database } from '@caravan/core';
import { serviceSetting } from './services.js';

/** Settings of the harness's MariaDB for a given database name. */
export function mysqlSettings(database: string) {
  return {
    client: 'mysql' as const,
    host: serviceSetting('CARAVAN_TEST_MYSQL_HOST'),
    port: Number(serviceSetting('CARAVAN_TEST_MYSQL_PORT')),
    user: serviceSetting('CARAVAN_TEST_MYSQL_USER'),
    password: serviceSetting('CARAVAN_TEST_MYSQL_PASSWORD'),
    database,
    pool: { min: 0, max: 5 },
  };
}

/**
 * Creates a fresh, uniquely named database on the harness's MariaDB for one test file, so suites run
 * in parallel without seeing each other's rows. `drop()` removes it.
 */
export async function createScratchMysqlDatabase(
  label: string,
): Promise<{ db: Database; name: string; drop: () => Promise<void> }> {
  const name = `caravan_${label}_${randomBytes(4).toString('hex')}`;
  const admin = adminConnection();
  await withRetries(() => admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_bin`));
  await admin.destroy();
  const db = createDatabase(mysqlSettings(name));
  return {
    db,
    name,
    drop: async () => {
      await db.destroy();
      const again = adminConnection();
      await again.raw(`drop database if exists \`${name}\``);
      await again.destroy();
    },
  };
}

function adminConnection() {
  const { host, port, user, password, database } = mysqlSettings(
    serviceSetting('CARAVAN_TEST_MYSQL_DATABASE'),
  );
  return knex({
    client: 'mysql2',
    connection: { host, port, user, password, database, connectTimeout: 30_000 },
  });
}

/** Retries an operation that failed to connect: a loaded test machine can reset a fresh connection. */
async function withRetries<T>(op: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await op();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (i >= attempts || !/ECONNRESET|ETIMEDOUT|ECONNREFUSED|PROTOCOL_CONNECTION_LOST/.test(code))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * i));
    }
  }
}
