export { createLogger, type Logger } from './createLogger.js';
export { createMetricsRegistry } from './createMetricsRegistry.js';
export { registerSourceMetrics } from './registerSourceMetrics.js';
export { registerBreakerMetrics } from './registerBreakerMetrics.js';
export { createTelemetry, type TelemetryOptions } from './createTelemetry.js';
export { startTracing, tracingRequested, type RunningTracing } from './startTracing.js';
export {
  TRACEPARENT_HEADER,
  noTelemetry,
  traceHeaders,
  type AttemptObservation,
  type AttemptResult,
  type AttemptSubject,
  type IngestVia,
  type SourceBacklog,
  type Telemetry,
  type TracedWork,
} from './Telemetry.js';
