#!/usr/bin/env node
import { Command } from 'commander';
import { api } from './commands/api.js';
import { dev } from './commands/dev.js';
import { keys } from './commands/keys.js';
import { migrate } from './commands/migrate.js';
import { worker, workerRoles } from './commands/worker.js';
import { caravanVersion } from './paths.js';
import { startFailureMessage } from './startFailure.js';

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
  .action(dev);

program
  .command('api')
  .description('serve the public REST API')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(api);

program
  .command('worker')
  .description('run pipeline roles')
  .option('--roles <roles>', `comma-separated subset of ${workerRoles.join(',')}`, workerRoles.join(','))
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(worker);

program
  .command('migrate')
  .description('manage the database schema')
  .argument('<action>', 'latest | rollback | status')
  .option('--all', 'with rollback: revert every migration')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(migrate);

program
  .command('keys')
  .description('master-key rotation: count or re-encrypt stored secrets under the primary key')
  .argument('<action>', 'status | reencrypt')
  .option('--batch-size <n>', 'rows per step (default 100)')
  .option('-c, --config <file>', 'JSON configuration file (or CARAVAN_CONFIG_FILE)')
  .action(keys);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${startFailureMessage(error)}\n`);
  // Exit now: a failed start may leave a client socket or timer behind that would keep the process up.
  process.exit(1);
}
