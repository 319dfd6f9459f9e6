export type * from './CaravanConfig.js';
export { loadConfig, type LoadConfigOptions } from './loadConfig.js';
export { envVariables } from './envLayer.js';
export { parseDatabaseUrl } from './parseDatabaseUrl.js';
export { deepFreeze } from './deepFreeze.js';
