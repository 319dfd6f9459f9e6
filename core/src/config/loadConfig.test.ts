import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError } from '../errors/index.js';
import { loadConfig } from './loadConfig.js';

const key = Buffer.alloc(32, 7).toString('base64');
const required = {
  CARAVAN_ADMIN_KEY: 'admin-key-for-tests-0123456789',
  CARAVAN_ENCRYPTION_KEYS: `k1:${key}`,
};

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError)
      return error.issues.map((i) => `${i.path}|${i.source ?? ''}|${i.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('loadConfig › starts from the embedded default: SQLite file, SQL log, no Redis', (t) => {
  const config = loadConfig({ env: required });
  t.deepEqual(config.database, { client: 'sqlite', filename: '.caravan/caravan.sqlite' });
  t.deepEqual(config.log, { engine: 'sql' });
  t.is(config.redis, null);
  t.is(config.encryption.primaryKeyId, 'k1');
});

test('loadConfig › sources may reach only the public clouds’ broker hosts unless the operator says otherwise', (t) => {
  t.deepEqual(loadConfig({ env: required }).sources.allowedHosts, [
    '*.amazonaws.com',
    '*.googleapis.com',
    '*.confluent.cloud',
  ]);
  const dev = loadConfig({
    env: required,
    presets: [{ name: 'dev', values: { sources: { allowedHosts: ['*'] } } }],
  });
  t.deepEqual(dev.sources.allowedHosts, ['*']);
  t.is(dev.sources.plugins, null, 'a preset changes the one setting');
  const env = loadConfig({
    env: { ...required, CARAVAN_SOURCE_ALLOWED_HOSTS: 'kafka.internal:9092,10.0.0.0/8' },
  });
  t.deepEqual(env.sources.allowedHosts, ['kafka.internal:9092', '10.0.0.0/8']);
});

test('loadConfig › the result is frozen all the way down', (t) => {
  const config = loadConfig({ env: required });
  t.true(Object.isFrozen(config));
  t.true(Object.isFrozen(config.database));
  t.true(Object.isFrozen(config.encryption.keys[0]));
});

test('loadConfig › a MySQL URL in the env switches the database and fills the rest from defaults', (t) => {
  const config = loadConfig({
    env: { ...required, CARAVAN_DATABASE_URL: 'mysql://app:s%40cret@db.internal:3307/caravan_prod' },
  });
  t.deepEqual(config.database, {
    client: 'mysql',
    host: 'db.internal',
    port: 3307,
    user: 'app',
    password: 's@cret',
    database: 'caravan_prod',
    pool: { min: 0, max: 10 },
  });
});

test('loadConfig › env overrides the file, the file overrides defaults', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-config-'));
  const file = join(dir, 'caravan.json');
  writeFileSync(
    file,
    JSON.stringify({
      listen: { port: 9000 },
      log: { engine: 'kafka', brokers: ['k1:9092'] },
      logLevel: 'warn',
    }),
  );
  const config = loadConfig({ env: { ...required, CARAVAN_PORT: '9100' }, file });
  t.is(config.listen.port, 9100);
  t.is(config.listen.host, '127.0.0.1');
  t.is(config.logLevel, 'warn');
  t.like(config.log, { engine: 'kafka', brokers: ['k1:9092'], topicPrefix: 'caravan.' });
});

test('loadConfig › a bad value names the setting, where it came from and the expected form', (t) => {
  const issues = issuesOf(() =>
    loadConfig({ env: { ...required, CARAVAN_PORT: 'eighty', CARAVAN_DATABASE_CLIENT: 'postgres' } }),
  );
  t.true(issues.includes('listen.port|CARAVAN_PORT|must be integer'), issues.join('\n'));
  t.true(
    issues.some((i) =>
      i.startsWith('database.client|CARAVAN_DATABASE_CLIENT|must be one of "sqlite", "mysql"'),
    ),
    issues.join('\n'),
  );
});

test('loadConfig › missing admin key and encryption keys are reported together', (t) => {
  const issues = issuesOf(() => loadConfig({ env: {} }));
  t.true(issues.some((i) => i.startsWith('adminKey||is required')));
  t.true(issues.some((i) => i.startsWith('encryption||is required')));
});

test('loadConfig › an encryption key that is not 32 bytes of base64 is refused with the expected form', (t) => {
  const issues = issuesOf(() => loadConfig({ env: { ...required, CARAVAN_ENCRYPTION_KEYS: 'k1:short' } }));
  t.true(
    issues.some(
      (i) => i.startsWith('encryption.keys.0.key|CARAVAN_ENCRYPTION_KEYS|') && i.includes('base64'),
    ),
    issues.join('\n'),
  );
});

test('loadConfig › an unknown setting in the file is named', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-config-'));
  const file = join(dir, 'caravan.json');
  writeFileSync(file, JSON.stringify({ listen: { prot: 1 } }));
  const issues = issuesOf(() => loadConfig({ env: required, file }));
  t.deepEqual(issues, [`listen.prot|${file}|is not a known setting`]);
});

test('loadConfig › a file that is not JSON is reported with its path', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-config-'));
  const file = join(dir, 'caravan.json');
  writeFileSync(file, '{ nope');
  const issues = issuesOf(() => loadConfig({ env: required, file }));
  t.is(issues.length, 1);
  t.regex(issues[0]!, /^\(file\)\|.*caravan\.json\|is not valid JSON/);
});

test('loadConfig › the primary key id must be one of the ring', (t) => {
  const issues = issuesOf(() =>
    loadConfig({ env: { ...required, CARAVAN_ENCRYPTION_PRIMARY_KEY_ID: 'k9' } }),
  );
  t.true(issues[0]!.startsWith('encryption.primaryKeyId||must name one of'));
});

test('loadConfig › an empty CARAVAN_REDIS_URL means no Redis; a set one is validated', (t) => {
  t.is(loadConfig({ env: { ...required, CARAVAN_REDIS_URL: '' } }).redis, null);
  t.deepEqual(loadConfig({ env: { ...required, CARAVAN_REDIS_URL: 'redis://127.0.0.1:6379' } }).redis, {
    url: 'redis://127.0.0.1:6379',
  });
  const issues = issuesOf(() => loadConfig({ env: { ...required, CARAVAN_REDIS_URL: 'http://x' } }));
  t.true(
    issues.some((i) => i.startsWith('redis.url|CARAVAN_REDIS_URL|')),
    issues.join('\n'),
  );
});

test('loadConfig › log settings: SQL log retention and Kafka overflow partitions, from the env', (t) => {
  const sql = loadConfig({ env: { ...required, CARAVAN_SQL_LOG_RETENTION_SECONDS: '600' } });
  t.deepEqual(sql.log, { engine: 'sql', retentionSeconds: 600 });
  const kafka = loadConfig({
    env: {
      ...required,
      CARAVAN_LOG_ENGINE: 'kafka',
      CARAVAN_KAFKA_EVENTS_OVERFLOW_PARTITIONS: '3',
      CARAVAN_KAFKA_DELIVERIES_OVERFLOW_PARTITIONS: '6',
    },
  });
  t.like(kafka.log, {
    engine: 'kafka',
    partitions: { events: 12, deliveries: 12, 'events-overflow': 3, 'deliveries-overflow': 6 },
  });
  t.true(
    issuesOf(() => loadConfig({ env: { ...required, CARAVAN_SQL_LOG_RETENTION_SECONDS: '-1' } })).some((i) =>
      i.startsWith('log.retentionSeconds|CARAVAN_SQL_LOG_RETENTION_SECONDS|'),
    ),
  );
});

test('loadConfig › metrics: a token is required by default and none is set; the env sets each key', (t) => {
  t.deepEqual(loadConfig({ env: required }).metrics, {
    token: null,
    requireToken: true,
    tenantLabels: false,
    workerPort: null,
  });
  const set = loadConfig({
    env: {
      ...required,
      CARAVAN_METRICS_TOKEN: 'scrape-token-0123456789',
      CARAVAN_METRICS_TENANT_LABELS: 'true',
      CARAVAN_METRICS_WORKER_PORT: '9464',
      CARAVAN_METRICS_REQUIRE_TOKEN: 'false',
    },
  });
  t.deepEqual(set.metrics, {
    token: 'scrape-token-0123456789',
    requireToken: false,
    tenantLabels: true,
    workerPort: 9464,
  });
  t.is(loadConfig({ env: { ...required, CARAVAN_METRICS_TOKEN: '' } }).metrics.token, null);
  const issues = issuesOf(() =>
    loadConfig({
      env: { ...required, CARAVAN_METRICS_TOKEN: 'short', CARAVAN_METRICS_TENANT_LABELS: 'maybe' },
    }),
  );
  t.true(
    issues.some((i) => i.startsWith('metrics.token|CARAVAN_METRICS_TOKEN|')),
    issues.join('\n'),
  );
  t.true(
    issues.some((i) => i.startsWith('metrics.tenantLabels|CARAVAN_METRICS_TENANT_LABELS|')),
    issues.join('\n'),
  );
});

test("loadConfig › the dispatcher's memory budget: 32 MiB by default, set from the env, at least 1 MiB", (t) => {
  t.is(loadConfig({ env: required }).dispatcher.memoryBudgetBytes, 33_554_432);
  const set = loadConfig({ env: { ...required, CARAVAN_DISPATCHER_MEMORY_BUDGET_BYTES: '67108864' } });
  t.is(set.dispatcher.memoryBudgetBytes, 67_108_864);
  t.true(
    issuesOf(() => loadConfig({ env: { ...required, CARAVAN_DISPATCHER_MEMORY_BUDGET_BYTES: '1000' } })).some(
      (i) => i.startsWith('dispatcher.memoryBudgetBytes|CARAVAN_DISPATCHER_MEMORY_BUDGET_BYTES|'),
    ),
  );
});
