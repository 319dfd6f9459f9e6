import { createInternalLog } from '@caravan/core';
import { createApp } from '../../server/createApp.js';
import { createServices } from '../../server/createServices.js';
import { startServer } from '../../server/startServer.js';
import { devPreset } from '../devPreset.js';
import { caravanVersion } from '../paths.js';
import { createRuntime, migrator, untilSignal } from '../runtime.js';
import { startRoles } from '../startRoles.js';

export interface DevOptions {
  dataDir: string;
  host?: string;
  port?: string;
  config?: string;
}

/** `caravan dev`: every role in one process on the embedded defaults, migrated on start. */
export async function dev(options: DevOptions): Promise<void> {
  const preset: Record<string, unknown> = devPreset(options.dataDir);
  const listen: Record<string, unknown> = {};
  if (options.host) listen.host = options.host;
  if (options.port) listen.port = Number(options.port);
  const runtime = createRuntime({
    role: 'dev',
    configFile: options.config,
    presets: [
      { name: 'caravan dev', values: preset },
      { name: 'command line', values: Object.keys(listen).length ? { listen } : {} },
    ],
  });
  const { config, logger, db } = runtime;
  const applied = await migrator(db).latest();
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');

  const log = createInternalLog(config.log, { db, logger });
  await log.init();
  const services = createServices({ config, db, limiterStore: runtime.limiterStore, log });
  const roles = await startRoles(['router', 'dispatcher', 'scheduler', 'sources'], runtime, log).catch(
    async (error: unknown) => {
      await log.close();
      await runtime.close();
      throw error;
    },
  );
  const server = await startServer(
    await createApp({ db, version: caravanVersion, services, logger }),
    config.listen.host,
    config.listen.port,
  );
  const where =
    config.database.client === 'sqlite'
      ? config.database.filename
      : `${config.database.host}/${config.database.database}`;
  process.stdout.write(
    [
      '',
      `Caravan ${caravanVersion} (dev) is listening on ${server.url}`,
      `  database:  ${config.database.client} ${where}`,
      `  log:       ${config.log.engine}`,
      `  roles:     api, ${roles.names.join(', ')}`,
      `  admin key: ${config.adminKey}`,
      '',
      'Check it:',
      `  curl ${server.url}/healthz`,
      'Create a first tenant with the admin key:',
      `  curl -X POST ${server.url}/v1/tenants -H 'authorization: Bearer ${config.adminKey}' \\`,
      `       -H 'content-type: application/json' -d '{"name":"Acme"}'`,
      'API reference:',
      `  ${server.url}/docs`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  const signal = await untilSignal();
  logger.info({ signal }, 'stopping');
  await server.close();
  await roles.stop();
  await log.close();
  await runtime.close();
}
