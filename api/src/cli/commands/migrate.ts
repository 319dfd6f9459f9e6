import { CaravanError, createDatabase, createMigrator, loadConfig } from '@caravan/core/setup';
import { migrationsDir } from '../paths.js';

export type MigrateAction = 'latest' | 'rollback' | 'status';

/**
 * `caravan migrate latest|rollback|status`: manages the database schema. It opens only the configured
 * database (no log, limiter or role), so it runs before anything else is reachable.
 */
export async function migrate(action: string, options: { config?: string; all?: boolean }): Promise<void> {
  if (!['latest', 'rollback', 'status'].includes(action)) {
    throw new CaravanError(
      'CARAVAN_USAGE',
      `migrate: unknown action "${action}" (expected latest, rollback or status)`,
    );
  }
  const file = options.config ?? process.env.CARAVAN_CONFIG_FILE;
  const config = loadConfig({ env: process.env, ...(file ? { file } : {}) });
  const db = createDatabase(config.database);
  try {
    const m = createMigrator({ db, directory: migrationsDir });
    if (action === 'latest') {
      const applied = await m.latest();
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
    } else if (action === 'rollback') {
      const reverted = await m.rollback({ all: options.all ?? false });
      process.stdout.write(reverted.length ? `reverted: ${reverted.join(', ')}\n` : 'nothing to revert\n');
    } else {
      const status = await m.status();
      for (const name of status.applied) process.stdout.write(`applied  ${name}\n`);
      for (const name of status.pending) process.stdout.write(`pending  ${name}\n`);
    }
  } finally {
    await db.destroy();
  }
}
