import { parseDatabaseUrl } from './parseDatabaseUrl.js';

/** A partial configuration object plus, for each path it sets, where the value came from. */
export interface ConfigLayer {
  values: Record<string, unknown>;
  sources: Map<string, string>;
}

type Setter = (raw: string, set: (path: string, value: unknown) => void) => void;

const asInt = (raw: string): unknown => (/^-?\d+$/.test(raw.trim()) ? Number(raw) : raw);
const asNumber = (raw: string): unknown => (/^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw);
const asBool = (raw: string): unknown =>
  /^(true|1|yes)$/i.test(raw.trim()) ? true : /^(false|0|no)$/i.test(raw.trim()) ? false : raw;
const asList = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const at =
  (path: string, parse: (raw: string) => unknown = (raw) => raw): Setter =>
  (raw, set) =>
    set(path, parse(raw));

/** Every `CARAVAN_*` environment variable Caravan reads, and the setting it fills. */
export const envVariables: Record<string, Setter> = {
  CARAVAN_DATABASE_URL: (raw, set) => {
    for (const [path, value] of Object.entries(parseDatabaseUrl(raw))) set(`database.${path}`, value);
  },
  CARAVAN_DATABASE_CLIENT: at('database.client'),
  CARAVAN_DATABASE_FILENAME: at('database.filename'),
  CARAVAN_DATABASE_HOST: at('database.host'),
  CARAVAN_DATABASE_PORT: at('database.port', asInt),
  CARAVAN_DATABASE_USER: at('database.user'),
  CARAVAN_DATABASE_PASSWORD: at('database.password'),
  CARAVAN_DATABASE_NAME: at('database.database'),
  CARAVAN_DATABASE_POOL_MAX: at('database.pool.max', asInt),
  CARAVAN_LOG_ENGINE: at('log.engine'),
  CARAVAN_SQL_LOG_RETENTION_SECONDS: at('log.retentionSeconds', asInt),
  CARAVAN_KAFKA_BROKERS: at('log.brokers', asList),
  CARAVAN_KAFKA_CLIENT_ID: at('log.clientId'),
  CARAVAN_KAFKA_TOPIC_PREFIX: at('log.topicPrefix'),
  CARAVAN_KAFKA_EVENTS_PARTITIONS: at('log.partitions.events', asInt),
  CARAVAN_KAFKA_DELIVERIES_PARTITIONS: at('log.partitions.deliveries', asInt),
  CARAVAN_KAFKA_EVENTS_OVERFLOW_PARTITIONS: at('log.partitions.events-overflow', asInt),
  CARAVAN_KAFKA_DELIVERIES_OVERFLOW_PARTITIONS: at('log.partitions.deliveries-overflow', asInt),
  CARAVAN_KAFKA_REPLICATION_FACTOR: at('log.replicationFactor', asInt),
  CARAVAN_REDIS_URL: (raw, set) => set('redis', raw.trim() === '' ? null : { url: raw.trim() }),
  CARAVAN_ENCRYPTION_KEYS: (raw, set) => {
    const keys = asList(raw).map((entry) => {
      const colon = entry.indexOf(':');
      return colon < 0 ? { id: '', key: entry } : { id: entry.slice(0, colon), key: entry.slice(colon + 1) };
    });
    set('encryption.keys', keys);
    if (keys[0]) set('encryption.primaryKeyId', keys[0].id);
  },
  CARAVAN_ENCRYPTION_PRIMARY_KEY_ID: at('encryption.primaryKeyId'),
  CARAVAN_ADMIN_KEY: at('adminKey'),
  CARAVAN_HOST: at('listen.host'),
  CARAVAN_PORT: at('listen.port', asInt),
  CARAVAN_SSRF_ALLOWED_CIDRS: at('ssrf.allowedCidrs', asList),
  CARAVAN_API_RATE_LIMIT_PER_SECOND: at('api.rateLimitPerSecond', asInt),
  CARAVAN_INGEST_MAIN_TOPIC_EVENTS_PER_SECOND: at('ingest.mainTopicEventsPerSecond', asInt),
  CARAVAN_API_AUTH_FAILURES_PER_MINUTE: at('api.authFailuresPerMinute', asInt),
  CARAVAN_TENANT_DEFAULT_INGEST_PER_SECOND: at('tenantDefaults.ingestPerSecond', asInt),
  CARAVAN_TENANT_DEFAULT_DELIVERIES_PER_SECOND: at('tenantDefaults.deliveriesPerSecond', asInt),
  CARAVAN_TENANT_DEFAULT_MAX_ENDPOINTS: at('tenantDefaults.maxEndpoints', asInt),
  CARAVAN_TENANT_DEFAULT_MAX_PAYLOAD_BYTES: at('tenantDefaults.maxPayloadBytes', asInt),
  CARAVAN_TENANT_DEFAULT_EVENT_SHARDS: at('tenantDefaults.eventShards', asInt),
  CARAVAN_PLUGIN_DIRECTORIES: at('plugins.directories', asList),
  CARAVAN_SOURCE_PLUGINS: at('sources.plugins', asList),
  CARAVAN_SOURCE_ALLOWED_HOSTS: at('sources.allowedHosts', asList),
  CARAVAN_DESTINATION_PLUGINS: at('destinations.plugins', asList),
  CARAVAN_DESTINATION_ALLOWED_HOSTS: at('destinations.allowedHosts', asList),
  CARAVAN_PORTAL_FRAME_ANCESTORS: at('portal.frameAncestors', asList),
  CARAVAN_DEV_INBOX: at('devInbox.enabled', asBool),
  CARAVAN_BREAKER_WINDOW_MS: at('dispatcher.breaker.windowMs', asInt),
  CARAVAN_BREAKER_MIN_REQUESTS: at('dispatcher.breaker.minRequests', asInt),
  CARAVAN_BREAKER_FAILURE_RATIO: at('dispatcher.breaker.failureRatio', asNumber),
  CARAVAN_BREAKER_CONSECUTIVE_ERRORS: at('dispatcher.breaker.consecutiveErrors', asInt),
  CARAVAN_BREAKER_OPEN_MS: at('dispatcher.breaker.openMs', asInt),
  CARAVAN_BREAKER_MAX_OPEN_MS: at('dispatcher.breaker.maxOpenMs', asInt),
  CARAVAN_DISABLE_FAILING_ENDPOINTS_AFTER_MS: at('dispatcher.breaker.disableAfterMs', asInt),
  CARAVAN_METRICS_TOKEN: (raw, set) => set('metrics.token', raw.trim() === '' ? null : raw.trim()),
  CARAVAN_METRICS_REQUIRE_TOKEN: at('metrics.requireToken', asBool),
  CARAVAN_METRICS_TENANT_LABELS: at('metrics.tenantLabels', asBool),
  CARAVAN_METRICS_WORKER_PORT: (raw, set) => set('metrics.workerPort', raw.trim() === '' ? null : asInt(raw)),
  CARAVAN_DISPATCHER_MEMORY_BUDGET_BYTES: at('dispatcher.memoryBudgetBytes', asInt),
  CARAVAN_LOG_LEVEL: at('logLevel'),
};

/** Builds the configuration layer described by the `CARAVAN_*` variables present in `env`. */
export function envLayer(env: NodeJS.ProcessEnv): ConfigLayer {
  const layer: ConfigLayer = { values: {}, sources: new Map() };
  for (const [name, setter] of Object.entries(envVariables)) {
    const raw = env[name];
    if (raw === undefined) continue;
    setter(raw, (path, value) => {
      setPath(layer.values, path, value);
      layer.sources.set(path, name);
    });
  }
  return layer;
}

/** Sets `value` at a dotted `path`, creating intermediate objects. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}
