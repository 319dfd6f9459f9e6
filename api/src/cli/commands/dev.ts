import { WORKER_ROLES, startRoles, type Runtime } from '@caravan/core';
import { devPreset, type DevPreset } from '../devPreset.js';
import { listen } from '../listen.js';
import { keepTracing, openRuntime, serveUntilSignal } from '../runtime.js';

export interface DevOptions {
  dataDir: string;
  host?: string;
  port?: string;
  config?: string;
}

/** `caravan dev`: every role in one process on the embedded defaults, migrated on start. */
export async function dev(options: DevOptions): Promise<void> {
  const preset = devPreset(options.dataDir);
  const listenAt: Record<string, unknown> = {};
  if (options.host) listenAt.host = options.host;
  if (options.port) listenAt.port = Number(options.port);
  const runtime = openRuntime({
    role: 'dev',
    configFile: options.config,
    presets: [
      { name: 'caravan dev', values: preset.values },
      { name: 'command line', values: Object.keys(listenAt).length ? { listen: listenAt } : {} },
    ],
  });
  await serveUntilSignal(runtime, async (keep) => {
    await keepTracing(runtime, 'dev', keep);
    const applied = await runtime.migrator.latest();
    if (applied.length) runtime.logger.info({ migrations: applied }, 'database migrated');
    await runtime.log.init();
    // Bind the port before starting the roles: a port already taken stops the start before any
    // role has begun to route or dispatch.
    const server = await listen(runtime);
    keep({ stop: () => server.close() });
    const roles = await startRoles(WORKER_ROLES, runtime);
    keep(roles);
    process.stdout.write(banner(runtime, server.url, roles.names, preset));
  });
}

/**
 * The admin key is shown once, on the start that generated it; later starts say where it is kept,
 * so it does not end up in every terminal scrollback and log capture.
 */
function adminKeyLines(config: Runtime['config'], preset: DevPreset): string[] {
  if (config.adminKey !== preset.adminKey) return ['  admin key: the one your configuration sets'];
  if (preset.created) {
    return [`  admin key: ${config.adminKey}`, `             (generated now, kept in ${preset.secretsFile})`];
  }
  return [`  admin key: kept in ${preset.secretsFile} (read it: jq -r .adminKey ${preset.secretsFile})`];
}

function banner(
  { config, version }: Runtime,
  url: string,
  roles: readonly string[],
  preset: DevPreset,
): string {
  const shownKey = preset.created && config.adminKey === preset.adminKey ? config.adminKey : '$ADMIN';
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
    ...adminKeyLines(config, preset),
    '',
    'Dashboard (sign in with the admin key to create a tenant, or with a tenant API key):',
    `  ${url}/dashboard`,
    ...(config.devInbox.enabled ? [`  test inbox: on (${url}/dev/inboxes; the dashboard's Test inbox)`] : []),
    'Or create a first tenant with curl:',
    `  curl -X POST ${url}/v1/tenants -H "authorization: Bearer ${shownKey}" \\`,
    `       -H 'content-type: application/json' -d '{"name":"Acme"}'`,
    'Check it, and the API reference:',
    `  curl ${url}/healthz`,
    `  ${url}/docs`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
