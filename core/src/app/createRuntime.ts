import { hostname } from 'node:os';
import type { FrozenConfig } from '../config/index.js';
import { KeyRing } from '../crypto/KeyRing.js';
import { systemClock, type Clock } from '../domain/Clock.js';
import { createLimiterStore, type LimiterStore } from '../limits/LimiterStore.js';
import { createInternalLog, type InternalLogDeps } from '../log/createInternalLog.js';
import type { InternalLog } from '../log/InternalLog.js';
import type { Registry } from 'prom-client';
import {
  createMetricsRegistry,
  createTelemetry,
  type Logger,
  type Telemetry,
} from '../observability/index.js';
import {
  destinationPluginKind,
  findPluginModules,
  PluginRegistry,
  sourcePluginKind,
  type PluginKindName,
} from '../plugins/index.js';
import { createDatabase, type Database } from '../storage/createDatabase.js';
import { createKnexStorage } from '../storage/knex/createKnexStorage.js';
import { createMigrator } from '../storage/Migrator.js';
import { createCoreServices } from './createCoreServices.js';
import type { Runtime } from './Runtime.js';

export interface RuntimeOptions {
  config: FrozenConfig;
  logger: Logger;
  /** Caravan's version (`user-agent`, `/healthz`). */
  version: string;
  /** Folder of the knex migrations `runtime.migrator` applies. */
  migrationsDir: string;
  clock?: Clock;
  /** Default `host:pid`. */
  workerId?: string;
  /** An open database to use instead of opening `config.database`; the caller closes it. */
  db?: Database;
  /** Builds the internal log instead of `config.log` (tests tune its polling and timeouts). */
  log?: (deps: Required<Pick<InternalLogDeps, 'db' | 'clock' | 'logger'>>) => InternalLog;
  /** Limiter state instead of `config.redis`; the runtime closes it. */
  limiterStore?: LimiterStore;
  /** The process's metrics registry instead of a new one (with Node's process metrics). */
  metrics?: Registry;
  /** What the roles report to instead of metrics in `metrics` and spans on the global tracer. */
  telemetry?: Telemetry;
}

/**
 * The composition root: builds every adapter of one process once, from the frozen configuration.
 * Nothing connects yet except the database pool (lazily); `runtime.log.init()` starts the log.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = options.db ?? createDatabase(config.database);
  const keyRing = new KeyRing(config.encryption);
  const storage = createKnexStorage(db, keyRing);
  const log = options.log
    ? options.log({ db, clock, logger })
    : createInternalLog(config.log, { db, clock, logger });
  const limiterStore = options.limiterStore ?? createLimiterStore(config.redis);
  const modules = (kind: PluginKindName, explicit: readonly string[] | null) => () =>
    findPluginModules({ kind, explicit, directories: config.plugins.directories });
  const plugins = new PluginRegistry(sourcePluginKind, modules('source', config.sources.plugins));
  const metrics = options.metrics ?? createMetricsRegistry();
  const telemetry =
    options.telemetry ??
    createTelemetry({
      registry: metrics,
      tenantLabels: config.metrics.tenantLabels,
      version: options.version,
    });
  const destinations = new PluginRegistry(
    destinationPluginKind,
    modules('destination', config.destinations.plugins),
  );
  const services = createCoreServices({
    config,
    storage,
    log,
    limiterStore,
    keyRing,
    plugins,
    clock,
    telemetry,
    destinations,
  });
  return {
    config,
    logger,
    clock,
    version: options.version,
    workerId: options.workerId ?? `${hostname()}:${process.pid}`,
    db,
    storage,
    log,
    limiterStore,
    keyRing,
    plugins,
    destinations,
    services,
    metrics,
    telemetry,
    migrator: createMigrator({ db, directory: options.migrationsDir }),
    async close(closeOptions = {}) {
      await log.close(closeOptions);
      await limiterStore.close();
      if (!options.db) await db.destroy();
    },
  };
}
