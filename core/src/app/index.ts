export { createRuntime, type RuntimeOptions } from './createRuntime.js';
export { createServices, type CoreServices, type ServicesDeps } from './createServices.js';
export type { RoleDeps, Runtime, RunningRole } from './Runtime.js';
export { startRoles, WORKER_ROLES, type RunningRoles, type WorkerRole } from './startRoles.js';
