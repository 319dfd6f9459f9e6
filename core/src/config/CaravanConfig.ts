import type { BreakerSettings } from '../dispatcher/breaker/BreakerPolicy.js';

/** SQLite file database: the embedded default used by `caravan dev`. */
export interface SqliteDatabaseConfig {
  client: 'sqlite';
  /** Path of the database file; `:memory:` for a throw-away database. */
  filename: string;
}

/** MySQL 8 / MariaDB ≥ 10.6 database. */
export interface MysqlDatabaseConfig {
  client: 'mysql';
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  pool: { min: number; max: number };
}

export type DatabaseConfig = SqliteDatabaseConfig | MysqlDatabaseConfig;

/** Internal log kept in a table of the database: `caravan dev` and small installs. */
export interface SqlLogConfig {
  engine: 'sql';
  /** Consumed records are deleted once this old (seconds). Default 3600. */
  retentionSeconds?: number;
}

/** Internal log on Apache Kafka: the production engine. */
export interface KafkaLogConfig {
  engine: 'kafka';
  brokers: string[];
  clientId: string;
  /** Prefix of Caravan's topic names (`<prefix>events`, `<prefix>deliveries`, their `-overflow` topics). */
  topicPrefix: string;
  /** Overflow topics get their main topic's count unless given. */
  partitions: {
    events: number;
    deliveries: number;
    'events-overflow'?: number;
    'deliveries-overflow'?: number;
  };
  replicationFactor: number;
}

export type LogConfig = SqlLogConfig | KafkaLogConfig;

/** One key of the encryption key ring (AES-256-GCM). */
export interface EncryptionKey {
  id: string;
  /** 32 random bytes, base64. */
  key: string;
}

/** Per-tenant limits. */
export interface TenantLimitsConfig {
  ingestPerSecond: number;
  deliveriesPerSecond: number;
  maxEndpoints: number;
  maxPayloadBytes: number;
  eventShards: number;
}

/** Prometheus metrics (docs/observability.md). */
export interface MetricsConfig {
  /** The bearer token `/metrics` asks for; `null`: none set. */
  token: string | null;
  /**
   * Whether `/metrics` asks for `token` (default `true`; `caravan dev` sets `false`). Required but not set:
   * `/metrics` is off (404) and the process says so at start.
   */
  requireToken: boolean;
  /** A `tenant` label on the per-tenant metrics (default `false`): only where the tenants are few. */
  tenantLabels: boolean;
  /** Port on `listen.host` where `caravan worker` serves its `/metrics` and `/healthz`; `null` (default): none. */
  workerPort: number | null;
}

export interface CaravanConfig {
  database: DatabaseConfig;
  log: LogConfig;
  /** Shared limiter state; `null` keeps limiter state in memory (one dispatching process). */
  redis: { url: string } | null;
  /** Key ring for secrets at rest. New data is encrypted with `primaryKeyId`; every key decrypts. */
  encryption: { primaryKeyId: string; keys: EncryptionKey[] };
  /** The operator's admin API key. */
  adminKey: string;
  listen: { host: string; port: number };
  /** Private, loopback or link-local destinations that the SSRF guard admits (CIDR notation). */
  ssrf: { allowedCidrs: string[] };
  /** Public API settings. */
  api: { rateLimitPerSecond: number; authFailuresPerMinute: number };
  /**
   * Ingest settings: the events per second a tenant publishes through one process onto `events`;
   * beyond it they go straight to `events-overflow`, which the router reads at a share (docs/pipeline.md).
   */
  ingest: { mainTopicEventsPerSecond: number };
  /**
   * The customer portal (`/portal`): the origins allowed to embed it in an iframe (CSP
   * `frame-ancestors`); empty: the portal may not be framed.
   */
  portal: { frameAncestors: string[] };
  /**
   * The test request inbox (`/dev/inboxes`): a receiver a new user points an endpoint at without
   * writing a server. On in `caravan dev`; off unless the operator turns it on anywhere else.
   */
  devInbox: { enabled: boolean };
  /** Limits a new tenant gets when the operator does not set them. */
  tenantDefaults: TenantLimitsConfig;
  /**
   * Where plugins are found besides the installation's `node_modules`: folders of plugin packages
   * (or folders where `npm install` put them).
   */
  plugins: { directories: string[] };
  /**
   * Broker sources: the source plugins to load (package names or file paths), in order, or `null` to
   * load every installed package that declares itself a source plugin; and the hosts tenants'
   * sources may point Caravan at (`*`, `host[:port]`, `*.domain[:port]`, CIDR blocks).
   */
  sources: { plugins: string[] | null; allowedHosts: string[] };
  /**
   * Broker destinations: the destination plugins to load, or `null` to discover them (as for
   * sources), and the hosts tenants' endpoints may make Caravan write to (same patterns as
   * `sources.allowedHosts`).
   */
  destinations: { plugins: string[] | null; allowedHosts: string[] };
  /**
   * Dispatcher settings: the circuit breaker and auto-disable of failing endpoints (docs/endpoints.md),
   * and the bytes of queued work each dispatcher process holds in memory (docs/pipeline.md).
   */
  dispatcher: { breaker: BreakerSettings; memoryBudgetBytes: number };
  metrics: MetricsConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Deeply read-only view of a value. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type FrozenConfig = DeepReadonly<CaravanConfig>;
