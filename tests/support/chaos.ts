import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { repoRoot, servicesDir, servicesEnv, waitFor } from '@caravan/testing';
import { caravanClient } from './caravanClient.js';
import { runCaravan, startCaravanServer, type CaravanProcess } from './caravanProcess.js';
import type { ReceivedRequest } from './dispatching.js';
import { createProductionEnv } from './productionEnv.js';

const run = promisify(execFile);

/**
 * The environment that makes `scripts/services.sh` act on the services this test run was given: the
 * folder of its env file (`CARAVAN_SERVICES_DIR`, default `.cache/services`) and the ports read from
 * that file. A chaos run on a private set of services (say `CARAVAN_SERVICES_DIR=/tmp/chaos-services`
 * with its own ports) restarts those and never the shared default set.
 */
export function servicesScriptEnv(): Record<string, string> {
  const env = servicesEnv();
  const port = (hostPort: string | undefined) => hostPort?.split(':').pop() ?? '';
  const kafkaPort = port(env.CARAVAN_TEST_KAFKA_BROKERS);
  const settings: Record<string, string> = {
    CARAVAN_SERVICES_DIR: servicesDir,
    CARAVAN_SERVICES_MYSQL_PORT: env.CARAVAN_TEST_MYSQL_PORT ?? '',
    CARAVAN_SERVICES_REDIS_PORT: env.CARAVAN_TEST_REDIS_URL ? new URL(env.CARAVAN_TEST_REDIS_URL).port : '',
    CARAVAN_SERVICES_KAFKA_PORT: kafkaPort,
    CARAVAN_SERVICES_KAFKA_CONTROLLER_PORT:
      env.CARAVAN_TEST_KAFKA_CONTROLLER_PORT ??
      process.env.CARAVAN_SERVICES_KAFKA_CONTROLLER_PORT ??
      (kafkaPort ? String(Number(kafkaPort) + 1) : ''),
    CARAVAN_SERVICES_PUBSUB_PORT: port(env.PUBSUB_EMULATOR_HOST),
    CARAVAN_SERVICES_SQS_PORT: env.CARAVAN_TEST_SQS_ENDPOINT
      ? new URL(env.CARAVAN_TEST_SQS_ENDPOINT).port
      : '',
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== ''));
}

/** Runs `scripts/services.sh <action> <names…>` on this run's services (see {@link servicesScriptEnv}). */
export async function services(action: 'up' | 'down' | 'restart', ...names: string[]): Promise<void> {
  await run('bash', ['scripts/services.sh', action, ...names], {
    cwd: repoRoot,
    env: { ...process.env, ...servicesScriptEnv() },
  });
}

/** Kills one of this run's services with SIGKILL (no clean shutdown) and waits until it is gone. */
export async function killService(name: 'kafka' | 'redis' | 'mariadb'): Promise<void> {
  const pid = Number(readFileSync(join(servicesDir, name, `${name}.pid`), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid for ${name} in ${servicesDir}`);
  process.kill(pid, 'SIGKILL');
  await waitFor(
    () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    },
    `${name} (pid ${pid}) to die`,
    30_000,
  );
}

/** A Caravan installation on MariaDB and Kafka for one chaos test, whose processes it may kill. */
export interface ChaosInstallation {
  env: Record<string, string>;
  key: string;
  db: Awaited<ReturnType<typeof createProductionEnv>>['scratch']['db'];
  /** The URL of the API process now running (it changes when the API is restarted). */
  apiUrl: () => string;
  /** Starts a `caravan api` process (after a kill: a new one, on a new port). */
  startApi(): Promise<CaravanProcess>;
  startWorker(roles?: string): Promise<CaravanProcess>;
}

/**
 * Migrates a scratch database, starts `caravan api`, creates a tenant, its key and one endpoint per
 * receiver URL. Workers are started by the test (`startWorker`), so it chooses their roles.
 */
export async function installForChaos(
  t: ExecutionContext,
  label: string,
  options: {
    receivers: string[];
    endpoint?: Record<string, unknown>;
    redis?: boolean;
    extra?: Record<string, string>;
  },
): Promise<ChaosInstallation> {
  const { env, scratch } = await createProductionEnv(t, label, {
    partitions: 4,
    redis: options.redis ?? false,
    extra: { CARAVAN_LOG_LEVEL: 'warn', ...options.extra },
  });
  const migrated = await runCaravan(['migrate', 'latest'], env);
  t.is(migrated.code, 0, migrated.output);
  let current = '';
  const startApi = async () => {
    const api = await startCaravanServer(['api'], { ...env, CARAVAN_LOG_LEVEL: 'info' });
    t.teardown(() => api.stop('SIGKILL'));
    current = api.url;
    return api;
  };
  await startApi();
  const admin = caravanClient(current, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: `Chaos ${label}` });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  for (const url of options.receivers) {
    await caravanClient(current, key).endpoints.create({ url, ...options.endpoint });
  }
  return {
    env,
    key,
    db: scratch.db,
    apiUrl: () => current,
    startApi,
    startWorker: async (roles = 'router,dispatcher,scheduler,sources') => {
      const worker = await startCaravanServer(
        ['worker', '--roles', roles],
        { ...env, CARAVAN_LOG_LEVEL: 'info' },
        60_000,
        /worker running/,
      );
      t.teardown(() => worker.stop('SIGKILL'));
      return worker;
    },
  };
}

export interface ProducerRun {
  /** Ids of the events Caravan answered 202 for (each once, whatever the number of tries). */
  acknowledged: string[];
  /** Answers that were not a 202 (refusals, connection errors) and were tried again. */
  refusals: number;
}

/**
 * Sends `events` events in batches the way a careful producer does: each event carries an idempotency
 * key, and a batch that is refused or whose answer never came (the API died, Kafka or the database is
 * away) is sent again, to whatever API answers now, until it is acknowledged with a 202.
 */
export async function carefulProducer(options: {
  url: () => string;
  key: string;
  events: number;
  batch?: number;
  /** Pause between batches, to spread the run over a fault. */
  paceMs?: number;
  eventType?: string;
}): Promise<ProducerRun> {
  const size = options.batch ?? 100;
  const acknowledged: string[] = [];
  let refusals = 0;
  for (let i = 0; i < options.events; i += size) {
    const batch = {
      events: Array.from({ length: Math.min(size, options.events - i) }, (_, j) => ({
        eventType: options.eventType ?? 'chaos.tick',
        payload: { n: i + j },
        idempotencyKey: `tick-${i + j}`,
      })),
    };
    for (let attempt = 1; ; attempt++) {
      let refusal: unknown;
      // The client does not retry: this loop does, and counts every refusal.
      const answer = await caravanClient(options.url(), options.key)
        .events.sendBatch(batch)
        .catch((error: unknown) => {
          refusal = error;
          return undefined;
        });
      if (answer) {
        acknowledged.push(...answer.data.map((d) => d.id));
        break;
      }
      refusals += 1;
      if (attempt >= 180) throw new Error(`batch ${i} refused ${attempt} times (last: ${String(refusal)})`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (options.paceMs) await new Promise((resolve) => setTimeout(resolve, options.paceMs));
  }
  return { acknowledged, refusals };
}

/** What a chaos suite ends with: every acknowledged event delivered, and how many came twice. */
export interface Ledger {
  acknowledged: number;
  delivered: number;
  lost: number;
  duplicates: number;
}

/**
 * Waits until every acknowledged event reached the receiver with a 2xx answer (`accepted`: the
 * requests the receiver answered 2xx), then prints the suite's ledger as one table and checks that
 * nothing acknowledged was lost. Duplicates (an event delivered more than once) are reported, not
 * refused: delivery is at least once, and each copy carries the same `webhook-id`.
 */
export async function settleLedger(
  t: ExecutionContext,
  suite: string,
  run: ProducerRun & { faults: string[] },
  accepted: ReceivedRequest[],
  timeoutMs = 300_000,
): Promise<Ledger> {
  const acknowledged = new Set(run.acknowledged);
  const ids = () => new Set(accepted.map((r) => r.headers['webhook-id']));
  await waitFor(
    () => {
      const seen = ids();
      return [...acknowledged].every((id) => seen.has(id));
    },
    `every acknowledged event delivered (${suite})`,
    timeoutMs,
  ).catch(() => undefined);
  const seen = ids();
  const ledger: Ledger = {
    acknowledged: acknowledged.size,
    delivered: [...acknowledged].filter((id) => seen.has(id)).length,
    lost: [...acknowledged].filter((id) => !seen.has(id)).length,
    duplicates: accepted.length - seen.size,
  };
  printLedger(t, suite, ledger, run.faults, run.refusals);
  t.is(ledger.lost, 0, 'no acknowledged event is lost');
  t.true(
    accepted.every((r) => acknowledged.has(r.headers['webhook-id']!)),
    'everything delivered was acknowledged first',
  );
  return ledger;
}

/** One table per suite: what was injected, and the ledger. */
export function printLedger(
  t: ExecutionContext,
  suite: string,
  ledger: Ledger,
  faults: string[],
  refusals: number,
): void {
  const rows: [string, string | number][] = [
    ['faults injected', faults.join('; ')],
    ['producer answers refused', refusals],
    ['acknowledged', ledger.acknowledged],
    ['delivered', ledger.delivered],
    ['lost', ledger.lost],
    ['duplicates', ledger.duplicates],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const table = [`| ${suite}`, ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v}`)].join('\n');
  t.log(`\n${table}`);
}
