#!/usr/bin/env -S node --max-semi-space-size=16 --heap-growing-percent=50
import { Command } from 'commander';
import { WORKER_ROLES } from '@caravan/core/setup';
import type { DevOptions } from './commands/dev.js';
import { caravanVersion } from './paths.js';
import { startFailureMessage } from './startFailure.js';

// Each command's module (and what it imports) loads only when that command runs: a worker never loads
// the API's server and contract, and `caravan migrate` loads neither the pipeline roles nor the API.
const program = new Command('caravan')
  .description('Caravan: a multi-tenant webhooks gateway')
  .version(caravanVersion)
  .showHelpAfterError();

program
  .command('dev')
  .description(
    'run every role in one process on the embedded defaults (SQLite file, SQL log, in-memory limits)',
  )
  .option('--data-dir <dir>', 'folder for the SQLite file and generated dev secrets', '.caravan')
  .option('--host <host>', 'address to listen on (default 127.0.0.1)')
  .option('-p, --port <port>', 'port to listen on (default 8080)')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(async (options: DevOptions) => {
    const { dev } = await import('./commands/dev.js');
    await dev(options);
  });

program
  .command('api')
  .description('serve the public REST API')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(async (options: { config?: string }) => {
    const { api } = await import('./commands/api.js');
    await api(options);
  });

program
  .command('worker')
  .description('run pipeline roles')
  .option('--roles <roles>', `comma-separated subset of ${WORKER_ROLES.join(',')}`, WORKER_ROLES.join(','))
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(async (options: { roles: string; config?: string }) => {
    const { worker } = await import('./commands/worker.js');
    await worker(options);
  });

program
  .command('migrate')
  .description('manage the database schema')
  .argument('<action>', 'latest | rollback | status')
  .option('--all', 'with rollback: revert every migration')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(async (action: string, options: { config?: string; all?: boolean }) => {
    const { migrate } = await import('./commands/migrate.js');
    await migrate(action, options);
  });

program
  .command('keys')
  .description('master-key rotation: count or re-encrypt stored secrets under the primary key')
  .argument('<action>', 'status | reencrypt')
  .option('--batch-size <n>', 'rows per step (default 100)')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(async (action: string, options: { config?: string; batchSize?: string }) => {
    const { keys } = await import('./commands/keys.js');
    await keys(action, options);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${startFailureMessage(error)}\n`);
  // Exit now: a failed start may leave a client socket or timer behind that would keep the process up.
  process.exit(1);
}
