import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { createScratchMysqlDatabase, serviceSetting } from '@caravan/testing';
import { runCaravan, startCaravanServer, type CaravanProcess } from './caravanProcess.js';

/** Environment variables of `caravan` processes set up as in production, for one test. */
export interface ProductionEnv extends Record<string, string> {
  CARAVAN_DATABASE_URL: string;
  CARAVAN_ADMIN_KEY: string;
  /** The bearer token every process's `/metrics` asks for. */
  CARAVAN_METRICS_TOKEN: string;
}

/**
 * Caravan's environment on the harness's MariaDB (a scratch database; `scratch.drop()` removes it) and
 * Kafka (topics under a unique `<label>-…` prefix), with loopback receivers admitted and a fresh admin key
 * and key ring. `redis` shares limiter state between processes. Processes announce their URL and
 * readiness at `info`, so that is the default log level. Tests and benchmarks start `caravan`
 * processes on it.
 */
export async function productionEnvironment(
  label: string,
  options: { partitions?: number; redis?: boolean; extra?: Record<string, string> } = {},
): Promise<{ env: ProductionEnv; scratch: Awaited<ReturnType<typeof createScratchMysqlDatabase>> }> {
  const scratch = await createScratchMysqlDatabase(label);
  const partitions = String(options.partitions ?? 3);
  const env: ProductionEnv = {
    CARAVAN_DATABASE_URL: `mysql://${serviceSetting('CARAVAN_TEST_MYSQL_USER')}:${serviceSetting('CARAVAN_TEST_MYSQL_PASSWORD')}@${serviceSetting('CARAVAN_TEST_MYSQL_HOST')}:${serviceSetting('CARAVAN_TEST_MYSQL_PORT')}/${scratch.name}`,
    CARAVAN_LOG_ENGINE: 'kafka',
    CARAVAN_KAFKA_BROKERS: serviceSetting('CARAVAN_TEST_KAFKA_BROKERS'),
    CARAVAN_KAFKA_TOPIC_PREFIX: `${label}-${randomBytes(4).toString('hex')}.`,
    CARAVAN_KAFKA_EVENTS_PARTITIONS: partitions,
    CARAVAN_KAFKA_DELIVERIES_PARTITIONS: partitions,
    ...(options.redis ? { CARAVAN_REDIS_URL: serviceSetting('CARAVAN_TEST_REDIS_URL') } : {}),
    CARAVAN_ADMIN_KEY: `cadm_${randomBytes(18).toString('hex')}`,
    CARAVAN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    // As in production, /metrics asks for a token.
    CARAVAN_METRICS_TOKEN: `metrics-${randomBytes(12).toString('hex')}`,
    CARAVAN_SSRF_ALLOWED_CIDRS: '127.0.0.0/8',
    CARAVAN_SOURCE_ALLOWED_HOSTS: '*',
    CARAVAN_PORT: '0',
    CARAVAN_LOG_LEVEL: 'info',
    ...options.extra,
  };
  return { env, scratch };
}

/** {@link productionEnvironment} for one test: the scratch database is dropped when the test ends. */
export async function createProductionEnv(
  t: ExecutionContext,
  label: string,
  options: Parameters<typeof productionEnvironment>[1] = {},
): ReturnType<typeof productionEnvironment> {
  const made = await productionEnvironment(label, options);
  t.teardown(made.scratch.drop);
  return made;
}

/**
 * {@link createProductionEnv}, then `caravan migrate latest` and a `caravan api` process; `startWorker`
 * adds `caravan worker` processes. Every process is killed when the test ends.
 */
export async function startProductionApi(
  t: ExecutionContext,
  label: string,
  options: Parameters<typeof createProductionEnv>[2] = {},
) {
  const { env, scratch } = await createProductionEnv(t, label, options);
  const migrated = await runCaravan(['migrate', 'latest'], env);
  t.is(migrated.code, 0, migrated.output);
  const api = await startCaravanServer(['api'], env);
  t.teardown(() => api.stop('SIGKILL'));
  const startWorker = async (roles = 'router,dispatcher,scheduler'): Promise<CaravanProcess> => {
    const worker = await startCaravanServer(['worker', '--roles', roles], env, 60_000, /worker running/);
    t.teardown(() => worker.stop('SIGKILL'));
    return worker;
  };
  return { env, scratch, api, startWorker };
}
