export { createLogger, type Logger } from './createLogger.js';
export { createMetricsRegistry } from './createMetricsRegistry.js';
export { registerSourceMetrics } from './registerSourceMetrics.js';
