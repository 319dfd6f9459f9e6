import { createRouter } from '../../router/Router.js';
import { countingRoutes } from '../../stats/countingStores.js';
import type { RoleDeps, RunningRole } from '../Runtime.js';

/** The router: `events` → persisted events and deliveries → `deliveries`. */
export async function startRouter(deps: RoleDeps): Promise<RunningRole> {
  const logger = deps.logger.child({ role: 'router' });
  const router = createRouter({
    log: deps.log,
    repository: countingRoutes(deps.storage.routing, deps.storage.tenantStats, logger),
    clock: deps.clock,
    logger,
    telemetry: deps.telemetry,
  });
  await router.start();
  return { name: 'router', stop: () => router.stop() };
}
