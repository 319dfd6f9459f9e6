/** A started tracing SDK, and how to flush and stop it. */
export interface RunningTracing {
  shutdown(): Promise<void>;
}

const OTLP_ENDPOINT_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];

/**
 * Whether the standard `OTEL_*` variables ask for traces. Tracing is off unless `OTEL_TRACES_EXPORTER`
 * names an exporter (other than `none`) or an OTLP endpoint is set, and `OTEL_SDK_DISABLED` is not `true`:
 * an installation that sets nothing exports nothing and sends nothing anywhere.
 */
export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (exporters.includes('none')) return false;
  return exporters.length > 0 || OTLP_ENDPOINT_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * Starts the OpenTelemetry Node SDK for traces when the environment asks for them
 * ({@link tracingRequested}); the exporter, endpoint, protocol, sampler, propagators and batching are
 * the SDK's own `OTEL_*` settings. Only traces: Caravan's metrics are Prometheus, and it exports no logs.
 * The SDK is loaded only then, so a process without tracing never loads it. `serviceName` applies when
 * `OTEL_SERVICE_NAME` is not set.
 */
export async function startTracing(options: {
  env: NodeJS.ProcessEnv;
  serviceName: string;
  version: string;
}): Promise<RunningTracing | undefined> {
  if (!tracingRequested(options.env)) return undefined;
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    ...(options.env.OTEL_SERVICE_NAME ? {} : { serviceName: options.serviceName }),
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
