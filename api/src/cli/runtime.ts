import {
  createDatabase,
  createLimiterStore,
  createLogger,
  createMigrator,
  loadConfig,
  type Database,
  type FrozenConfig,
  type LimiterStore,
  type Logger,
} from '@caravan/core';
import { migrationsDir } from './paths.js';

/** What every subcommand builds first: the configuration, a logger and the database pool. */
export interface Runtime {
  config: FrozenConfig;
  logger: Logger;
  db: Database;
  limiterStore: LimiterStore;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  role: string;
  configFile?: string | undefined;
  presets?: { name: string; values: Record<string, unknown> }[];
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const file = options.configFile ?? process.env.CARAVAN_CONFIG_FILE;
  const config = loadConfig({
    env: process.env,
    ...(file ? { file } : {}),
    ...(options.presets ? { presets: options.presets } : {}),
  });
  const logger = createLogger({ level: config.logLevel, name: `caravan-${options.role}` });
  const db = createDatabase(config.database);
  const limiterStore = createLimiterStore(config.redis);
  return {
    config,
    logger,
    db,
    limiterStore,
    close: async () => {
      await limiterStore.close();
      await db.destroy();
    },
  };
}

export function migrator(db: Database) {
  return createMigrator({ db, directory: migrationsDir });
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
export function untilSignal(): Promise<NodeJS.Signals> {
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
