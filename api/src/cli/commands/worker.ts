import { CaravanError, createInternalLog } from '@caravan/core';
import { createRuntime, untilSignal } from '../runtime.js';
import { startRoles } from '../startRoles.js';

/** The roles a worker process can run. */
export const workerRoles = ['router', 'dispatcher', 'scheduler', 'sources'] as const;
export type WorkerRole = (typeof workerRoles)[number];

/** Parses `--roles a,b` and refuses unknown names, naming them and the known ones. */
export function parseRoles(raw: string): WorkerRole[] {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(workerRoles as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) {
    throw new CaravanError(
      'CARAVAN_USAGE',
      `--roles: unknown role(s) ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; expected a comma-separated subset of ${workerRoles.join(', ')}`,
    );
  }
  return [...new Set(names)] as WorkerRole[];
}

/** `caravan worker --roles …`: runs pipeline roles until Ctrl-C or SIGTERM, then hands back in-flight work. */
export async function worker(options: { roles: string; config?: string }): Promise<void> {
  const roles = parseRoles(options.roles);
  const runtime = createRuntime({ role: 'worker', configFile: options.config });
  const { config, db, logger } = runtime;
  const log = createInternalLog(config.log, { db, logger });
  await log.init();
  const running = await startRoles(roles, runtime, log).catch(async (error: unknown) => {
    await log.close();
    await runtime.close();
    throw error;
  });
  logger.info({ roles: running.names, log: config.log.engine }, 'worker running');
  const signal = await untilSignal();
  logger.info({ signal }, 'stopping');
  await running.stop();
  await log.close();
  await runtime.close();
}
