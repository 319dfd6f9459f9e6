import { createLogger, createRuntime, loadConfig, startTracing, type Runtime } from '@caravan/core';
import { caravanVersion, migrationsDir } from './paths.js';

export interface RuntimeOptions {
  role: string;
  configFile?: string | undefined;
  presets?: { name: string; values: Record<string, unknown> }[];
}

/**
 * What every subcommand starts from: the configuration (defaults → presets → file → env), a logger
 * named after the subcommand, and core's composition root built on them.
 */
export function openRuntime(options: RuntimeOptions): Runtime {
  const file = options.configFile ?? process.env.CARAVAN_CONFIG_FILE;
  const config = loadConfig({
    env: process.env,
    ...(file ? { file } : {}),
    ...(options.presets ? { presets: options.presets } : {}),
  });
  const logger = createLogger({ level: config.logLevel, name: `caravan-${options.role}` });
  return createRuntime({ config, logger, version: caravanVersion, migrationsDir });
}

/** Something a long-running subcommand started and must stop on its way out. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * The life of a long-running subcommand: `start` builds what the process serves, handing each part
 * to `keep`; then it runs until Ctrl-C or SIGTERM, stops the parts in reverse order and closes the
 * runtime. If starting fails, what did start is stopped and the runtime closed before the error is
 * rethrown, so the process can exit.
 */
export async function serveUntilSignal(
  runtime: Runtime,
  start: (keep: (part: Stoppable) => void) => Promise<void>,
): Promise<void> {
  const parts: Stoppable[] = [];
  const stopAll = async () => {
    for (const part of parts.splice(0).reverse()) await part.stop();
    await runtime.close();
  };
  try {
    await start((part) => parts.push(part));
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
  const signal = await untilSignal();
  runtime.logger.info({ signal }, 'stopping');
  await stopAll();
}

/**
 * Starts OpenTelemetry tracing when the `OTEL_*` variables ask for it (`startTracing`), and keeps it
 * to be flushed and stopped last, after the roles whose spans it exports.
 */
export async function keepTracing(
  runtime: Runtime,
  role: string,
  keep: (part: Stoppable) => void,
): Promise<void> {
  const tracing = await startTracing({
    env: process.env,
    serviceName: `caravan-${role}`,
    version: runtime.version,
  });
  if (!tracing) return;
  keep({ stop: () => tracing.shutdown() });
  runtime.logger.info({ exporter: process.env.OTEL_TRACES_EXPORTER ?? 'otlp' }, 'exporting traces');
}

/** Runs a short subcommand on a runtime and closes it, whatever happens. */
export async function withRuntime<T>(
  options: RuntimeOptions,
  fn: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = openRuntime(options);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
