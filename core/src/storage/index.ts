export { createDatabase, pingDatabase, isMysql, type Database } from './createDatabase.js';
export { createMigrator, type Migrator, type MigrationStatus } from './Migrator.js';
