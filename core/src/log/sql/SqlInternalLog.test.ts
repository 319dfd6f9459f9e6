import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import test from 'ava';
import { migrationsDir } from '@caravan/testing';
import { createDatabase, createMigrator, type Database } from '../../storage/index.js';
import { SqlInternalLog } from './SqlInternalLog.js';
import { runSqlLogSuite, testLogSettings, type SqlLogBacking } from './sqlLogSuite.js';

/** A migrated SQLite file in a temporary folder; every log gets its own connection pool. */
async function sqliteBacking(): Promise<SqlLogBacking> {
  const filename = join(mkdtempSync(join(tmpdir(), 'caravan-log-')), 'caravan.sqlite');
  const databases: Database[] = [];
  const logs: SqlInternalLog[] = [];
  const partitions = { events: 4, deliveries: 4 };
  const connect = () => {
    const db = createDatabase({ client: 'sqlite', filename });
    databases.push(db);
    return db;
  };
  await createMigrator({ db: connect(), directory: migrationsDir }).latest();
  return {
    partitions,
    connect,
    open(options = {}) {
      const log = new SqlInternalLog({ db: connect(), partitions, ...testLogSettings, ...options });
      logs.push(log);
      return Promise.resolve(log);
    },
    async cleanup() {
      await Promise.all(logs.map((log) => log.close({ graceMs: 0 })));
      await Promise.all(databases.map((db) => db.destroy()));
      rmSync(dirname(filename), { recursive: true, force: true });
    },
  };
}

runSqlLogSuite(test, 'SqlInternalLog on SQLite', sqliteBacking);
