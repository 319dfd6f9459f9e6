import { startDispatcher } from './roles/startDispatcher.js';
import { startRouter } from './roles/startRouter.js';
import { startScheduler } from './roles/startScheduler.js';
import { startSources } from './roles/startSources.js';
import type { RoleDeps, RunningRole } from './Runtime.js';
import { WORKER_ROLES, type WorkerRole } from './workerRoles.js';

export { WORKER_ROLES, type WorkerRole };

/** The roles running in this process. */
export interface RunningRoles {
  /** Their names, in start order (`scheduler` brings `jobs`). */
  readonly names: readonly string[];
  /** Stops them in reverse order: each commits what is done and leaves the rest to be delivered again. */
  stop(): Promise<void>;
}

const starters: Record<WorkerRole, (deps: RoleDeps) => Promise<RunningRole | RunningRole[]> | RunningRole[]> =
  {
    router: startRouter,
    dispatcher: startDispatcher,
    scheduler: startScheduler,
    sources: startSources,
  };

/**
 * Starts the pipeline roles on the runtime's ports and started internal log: router (events →
 * deliveries), dispatcher (sends), scheduler (due retries and background jobs), sources (broker
 * consumers). A new role is one `start<Role>` file in `roles/` and one entry here. If a role fails to
 * start, the ones already running are stopped before the error is thrown.
 */
export async function startRoles(roles: readonly WorkerRole[], deps: RoleDeps): Promise<RunningRoles> {
  // A plugin that cannot load stops the worker at start with its error (before any role runs), not
  // at a source's first use or the first delivery; it is loaded here when first used.
  if (roles.includes('sources')) await deps.plugins.verify();
  if (roles.includes('dispatcher')) await deps.destinations.verify();
  const running: RunningRole[] = [];
  const stop = async () => {
    // Reverse order: the dispatcher finishes what the router handed it before the log closes.
    for (const role of running.splice(0).reverse()) await role.stop();
  };
  try {
    for (const role of WORKER_ROLES.filter((r) => roles.includes(r))) {
      running.push(...[await starters[role](deps)].flat());
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { names: running.map((r) => r.name), stop };
}
