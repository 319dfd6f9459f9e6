export { createRuntime, type RuntimeOptions } from './createRuntime.js';
export { createCoreServices, type CoreServices, type ServicesDeps } from './createCoreServices.js';
export type { RoleDeps, Runtime, RunningRole } from './Runtime.js';
export { startRoles, WORKER_ROLES, type RunningRoles, type WorkerRole } from './startRoles.js';
