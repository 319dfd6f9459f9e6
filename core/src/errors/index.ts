export { CaravanError, type CaravanErrorOptions } from './CaravanError.js';
export { ConfigError, type ConfigIssue } from './ConfigError.js';
