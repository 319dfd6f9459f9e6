import { createRouter } from '../../router/Router.js';
import type { RoleDeps, RunningRole } from '../Runtime.js';

/** The router: `events` → persisted events and deliveries → `deliveries`. */
export async function startRouter(deps: RoleDeps): Promise<RunningRole> {
  const router = createRouter({
    log: deps.log,
    repository: deps.storage.routing,
    clock: deps.clock,
    logger: deps.logger.child({ role: 'router' }),
    telemetry: deps.telemetry,
  });
  await router.start();
  return { name: 'router', stop: () => router.stop() };
}
