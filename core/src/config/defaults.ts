import { DEFAULT_BREAKER_SETTINGS } from '../dispatcher/breaker/BreakerPolicy.js';
import type { KafkaLogConfig, MysqlDatabaseConfig, SqliteDatabaseConfig } from './CaravanConfig.js';

/** Settings every installation starts from; a deployment overrides them with a file and env vars. */
export const defaultConfig = {
  database: { client: 'sqlite', filename: '.caravan/caravan.sqlite' },
  log: { engine: 'sql' },
  redis: null,
  listen: { host: '127.0.0.1', port: 8080 },
  ssrf: { allowedCidrs: [] },
  api: { rateLimitPerSecond: 1000, authFailuresPerMinute: 60 },
  ingest: { mainTopicEventsPerSecond: 1000 },
  portal: { frameAncestors: [] },
  devInbox: { enabled: false },
  tenantDefaults: {
    ingestPerSecond: 1000,
    deliveriesPerSecond: 1000,
    maxEndpoints: 1000,
    maxPayloadBytes: 1_048_576,
    eventShards: 2,
  },
  // Every installed package that declares itself a plugin is loaded, unless a list names them.
  plugins: { directories: [] },
  sources: {
    plugins: null,
    // The public clouds' broker hosts; `caravan dev` allows every host. An installation that lets
    // tenants reach brokers elsewhere lists them (docs/configuration.md).
    allowedHosts: ['*.amazonaws.com', '*.googleapis.com', '*.confluent.cloud'],
  },
  destinations: {
    plugins: null,
    allowedHosts: ['*'],
  },
  dispatcher: {
    breaker: DEFAULT_BREAKER_SETTINGS,
    memoryBudgetBytes: 33_554_432,
  },
  metrics: { token: null, requireToken: true, tenantLabels: false, workerPort: null },
  logLevel: 'info',
} as const;

/** Filled in when a layer switches `database.client`, so each variant starts complete. */
export const databaseDefaults = {
  sqlite: { client: 'sqlite', filename: '.caravan/caravan.sqlite' } satisfies SqliteDatabaseConfig,
  mysql: {
    client: 'mysql',
    host: '127.0.0.1',
    port: 3306,
    user: 'caravan',
    password: '',
    database: 'caravan',
    pool: { min: 0, max: 10 },
  } satisfies MysqlDatabaseConfig,
};

/** Filled in when a layer switches `log.engine`. */
export const logDefaults = {
  sql: { engine: 'sql' as const },
  kafka: {
    engine: 'kafka',
    brokers: ['127.0.0.1:9092'],
    clientId: 'caravan',
    topicPrefix: 'caravan.',
    partitions: { events: 12, deliveries: 12 },
    replicationFactor: 1,
  } satisfies KafkaLogConfig,
};
