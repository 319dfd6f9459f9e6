import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { Database } from './createDatabase.js';

interface MigrationModule {
  up: (db: Knex) => Promise<void>;
  down: (db: Knex) => Promise<void>;
}

/** Schema state as `caravan migrate status` reports it. */
export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export interface Migrator {
  /** Applies every pending migration; returns the names applied. */
  latest(): Promise<string[]>;
  /** Reverts the last batch (or every migration with `all`); returns the names reverted. */
  rollback(options?: { all?: boolean }): Promise<string[]>;
  status(): Promise<MigrationStatus>;
}

const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.(ts|js)$/;

/**
 * Runs the timestamped knex migrations in `directory` (`<14-digit timestamp>_<name>.ts`, each exporting
 * `up` and `down`). The same files run on MySQL/MariaDB and SQLite.
 */
export function createMigrator({ db, directory }: { db: Database; directory: string }): Migrator {
  const source: Knex.MigrationSource<string> = {
    async getMigrations() {
      const files = (await readdir(directory)).filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts'));
      return files.sort();
    },
    getMigrationName: (file) => file.replace(/\.(ts|js)$/, ''),
    async getMigration(file) {
      const mod = (await import(pathToFileURL(join(directory, file)).href)) as MigrationModule;
      return { up: mod.up, down: mod.down };
    },
  };
  const config: Knex.MigratorConfig = { migrationSource: source, tableName: 'caravan_migrations' };
  return {
    async latest() {
      const [, names] = (await db.migrate.latest(config)) as [number, string[]];
      return names;
    },
    async rollback(options = {}) {
      const [, names] = (await db.migrate.rollback(config, options.all ?? false)) as [number, string[]];
      return names;
    },
    async status() {
      // With a custom source, knex lists pending migrations as the source's own items (file names).
      const [done, pending] = (await db.migrate.list(config)) as [{ name: string }[], string[]];
      return {
        applied: done.map((m) => source.getMigrationName(m.name)),
        pending: pending.map((file) => source.getMigrationName(file)),
      };
    },
  };
}
