/**
 * `@caravan/core/setup`: what a command needs before, or without, the pipeline: configuration, the
 * database and its migrations, the error types and the worker role names. It loads none of the roles
 * (router, dispatcher, …) or the internal log, so a short command such as `caravan migrate` stays small.
 */
export * from './errors/index.js';
export { loadConfig, type LoadConfigOptions } from './config/index.js';
export type * from './config/CaravanConfig.js';
export { createDatabase, type Database } from './storage/createDatabase.js';
export { createMigrator, type Migrator } from './storage/Migrator.js';
export { WORKER_ROLES, type WorkerRole } from './app/workerRoles.js';
