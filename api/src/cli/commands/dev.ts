import { WORKER_ROLES, startRoles, type Runtime } from '@caravan/core';
import { devPreset } from '../devPreset.js';
import { listen } from '../listen.js';
import { openRuntime, serveUntilSignal } from '../runtime.js';

export interface DevOptions {
  dataDir: string;
  host?: string;
  port?: string;
  config?: string;
}

/** `caravan dev`: every role in one process on the embedded defaults, migrated on start. */
export async function dev(options: DevOptions): Promise<void> {
  const preset: Record<string, unknown> = devPreset(options.dataDir);
  const listenAt: Record<string, unknown> = {};
  if (options.host) listenAt.host = options.host;
  if (options.port) listenAt.port = Number(options.port);
  const runtime = openRuntime({
    role: 'dev',
    configFile: options.config,
    presets: [
      { name: 'caravan dev', values: preset },
      { name: 'command line', values: Object.keys(listenAt).length ? { listen: listenAt } : {} },
    ],
  });
  await serveUntilSignal(runtime, async (keep) => {
    const applied = await runtime.migrator.latest();
    if (applied.length) runtime.logger.info({ migrations: applied }, 'database migrated');
    await runtime.log.init();
    const roles = await startRoles(WORKER_ROLES, runtime);
    keep(roles);
    const server = await listen(runtime);
    keep({ stop: () => server.close() });
    process.stdout.write(banner(runtime, server.url, roles.names));
  });
}

function banner({ config, version }: Runtime, url: string, roles: readonly string[]): string {
  const where =
    config.database.client === 'sqlite'
      ? config.database.filename
      : `${config.database.host}/${config.database.database}`;
  return [
    '',
    `Caravan ${version} (dev) is listening on ${url}`,
    `  database:  ${config.database.client} ${where}`,
    `  log:       ${config.log.engine}`,
    `  roles:     api, ${roles.join(', ')}`,
    `  admin key: ${config.adminKey}`,
    '',
    'Check it:',
    `  curl ${url}/healthz`,
    'Create a first tenant with the admin key:',
    `  curl -X POST ${url}/v1/tenants -H 'authorization: Bearer ${config.adminKey}' \\`,
    `       -H 'content-type: application/json' -d '{"name":"Acme"}'`,
    'API reference:',
    `  ${url}/docs`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
