export * from './errors/index.js';
export * from './config/index.js';
export * from './storage/index.js';
export * from './observability/index.js';
