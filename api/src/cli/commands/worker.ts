import { CaravanError, WORKER_ROLES, startRoles, type WorkerRole } from '@caravan/core';
import { serveWorkerMetrics } from '../../server/serveWorkerMetrics.js';
import { keepTracing, openRuntime, serveUntilSignal } from '../runtime.js';

const workerRoles = WORKER_ROLES;

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
  const runtime = openRuntime({ role: 'worker', configFile: options.config });
  await serveUntilSignal(runtime, async (keep) => {
    await keepTracing(runtime, 'worker', keep);
    await runtime.log.init();
    const metrics = await serveWorkerMetrics(runtime);
    if (metrics) keep(metrics);
    const running = await startRoles(roles, runtime);
    keep(running);
    runtime.logger.info(
      { roles: running.names, log: runtime.config.log.engine, ...(metrics ? { metrics: metrics.url } : {}) },
      'worker running',
    );
  });
}
