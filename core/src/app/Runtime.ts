import type { FrozenConfig } from '../config/index.js';
import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import type { LimiterStore } from '../limits/LimiterStore.js';
import type { InternalLog } from '../log/InternalLog.js';
import type { Registry } from 'prom-client';
import type { Logger, Telemetry } from '../observability/index.js';
import type { DestinationPluginRegistry, SourcePluginRegistry } from '../plugins/index.js';
import type { Database } from '../storage/createDatabase.js';
import type { Migrator } from '../storage/Migrator.js';
import type { Storage } from '../storage/Storage.js';
import type { CoreServices } from './createCoreServices.js';

/**
 * What one Caravan process is built from, once: the frozen configuration, the database and every
 * storage port on it, the internal log, the limiter store, the key ring, the source plugins and the
 * core services. `createRuntime` builds it; the `caravan` subcommands, the tests and the benchmarks
 * all start from one.
 */
export interface Runtime {
  readonly config: FrozenConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Caravan's version, as `user-agent: Caravan/<version>` and `/healthz` show it. */
  readonly version: string;
  /** Names this process to the others (source leases): unique per process, default `host:pid`. */
  readonly workerId: string;
  /** The connection pool. Only storage adapters and the SQL log use it; roles get `storage`. */
  readonly db: Database;
  readonly storage: Storage;
  /** Not started: `init()` it before use (a command that only migrates never connects to it). */
  readonly log: InternalLog;
  readonly limiterStore: LimiterStore;
  readonly keyRing: KeyRing;
  /**
   * The source plugins (`sources.plugins`, or every installed one that declares itself), loaded on
   * first use and shared by the API and the roles.
   */
  readonly plugins: SourcePluginRegistry;
  /** The destination plugins, found the same way, shared by the API and the dispatcher. */
  readonly destinations: DestinationPluginRegistry;
  readonly services: CoreServices;
  /** The process's Prometheus registry: what its `/metrics` shows. */
  readonly metrics: Registry;
  /** Where the roles report ingests, routing and attempts (metrics in `metrics`, and trace spans). */
  readonly telemetry: Telemetry;
  readonly migrator: Migrator;
  /** Closes the log, the limiter store and the database (unless the caller passed its own). */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** What a pipeline role is started with: ports and settings, never the raw database. */
export type RoleDeps = Pick<
  Runtime,
  | 'config'
  | 'logger'
  | 'clock'
  | 'version'
  | 'workerId'
  | 'storage'
  | 'log'
  | 'limiterStore'
  | 'keyRing'
  | 'plugins'
  | 'destinations'
  | 'services'
  | 'telemetry'
>;

/** A role running in this process, and how to stop it (handing in-flight work back). */
export interface RunningRole {
  readonly name: string;
  stop(): Promise<void>;
}
