import test from 'ava';
import { createScratchMysqlDatabase, migrationsDir, mysqlSettings } from '@caravan/testing';
import { createDatabase, createMigrator, type Database } from '../../storage/index.js';
import { SqlInternalLog } from './SqlInternalLog.js';
import { runSqlLogSuite, testLogSettings, type SqlLogBacking } from './sqlLogSuite.js';

/** A migrated scratch database on the harness's MariaDB; every log gets its own connection pool. */
async function mariadbBacking(): Promise<SqlLogBacking> {
  const scratch = await createScratchMysqlDatabase('log');
  await createMigrator({ db: scratch.db, directory: migrationsDir }).latest();
  const databases: Database[] = [];
  const logs: SqlInternalLog[] = [];
  const partitions = { events: 4, deliveries: 4 };
  const connect = () => {
    const db = createDatabase(mysqlSettings(scratch.name));
    databases.push(db);
    return db;
  };
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
      await scratch.drop();
    },
  };
}

runSqlLogSuite(test, 'SqlInternalLog on MariaDB', mariadbBacking);
