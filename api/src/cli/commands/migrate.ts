import { CaravanError } from '@caravan/core';
import { withRuntime } from '../runtime.js';

export type MigrateAction = 'latest' | 'rollback' | 'status';

/** `caravan migrate latest|rollback|status`: manages the database schema. */
export async function migrate(action: string, options: { config?: string; all?: boolean }): Promise<void> {
  if (!['latest', 'rollback', 'status'].includes(action)) {
    throw new CaravanError(
      'CARAVAN_USAGE',
      `migrate: unknown action "${action}" (expected latest, rollback or status)`,
    );
  }
  await withRuntime({ role: 'migrate', configFile: options.config }, async ({ migrator: m }) => {
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
  });
}
