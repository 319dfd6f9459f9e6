import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaravan, startCaravanServer, type CaravanProcess } from '../../tests/support/caravanProcess.js';
import { productionEnvironment } from '../../tests/support/productionEnv.js';
import type { Backend } from './types.js';

export interface InstallationOptions {
  /**
   * MariaDB + Kafka only: run this many `caravan worker --roles dispatcher` processes beside one worker
   * for the router and scheduler. Without it, one worker runs router, dispatcher and scheduler.
   */
  dispatchers?: number;
  /** Extra roles for the combined worker (e.g. `sources`). */
  extraRoles?: string[];
  /** Partitions of both Kafka topics (≥ the number of dispatcher processes). */
  partitions?: number;
  env?: Record<string, string>;
}

/** A running Caravan: the API's URL, the admin key, its processes and their peak memory. */
export interface Installation {
  backend: Backend;
  apiUrl: string;
  adminKey: string;
  processes: { name: string; proc: CaravanProcess }[];
  /** Peak resident memory (VmHWM) of each Caravan process so far, in MB. */
  peakRssMb(): Record<string, number>;
  stop(): Promise<void>;
}

/** No limit of Caravan's own may throttle a benchmark unless the scenario sets one on purpose. */
const unthrottled = {
  CARAVAN_API_RATE_LIMIT_PER_SECOND: '1000000',
  CARAVAN_TENANT_DEFAULT_INGEST_PER_SECOND: '1000000',
  CARAVAN_TENANT_DEFAULT_DELIVERIES_PER_SECOND: '1000000',
  CARAVAN_SSRF_ALLOWED_CIDRS: '127.0.0.0/8',
  CARAVAN_SOURCE_ALLOWED_HOSTS: '*',
  CARAVAN_LOG_LEVEL: 'warn',
};

function vmHwmMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

function installation(
  backend: Backend,
  apiUrl: string,
  adminKey: string,
  processes: Installation['processes'],
  cleanup: () => Promise<void>,
): Installation {
  return {
    backend,
    apiUrl,
    adminKey,
    processes,
    peakRssMb: () => Object.fromEntries(processes.map((p) => [p.name, vmHwmMb(p.proc.child.pid)])),
    async stop() {
      await Promise.all(processes.map((p) => p.proc.stop('SIGTERM')));
      await cleanup();
    },
  };
}

/** `caravan dev`: every role in one process on a fresh SQLite file with the SQL log. */
async function installDev(options: InstallationOptions): Promise<Installation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-bench-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0'], {
    ...unthrottled,
    CARAVAN_LOG_LEVEL: 'info',
    ...options.env,
  });
  const adminKey = /admin key: (\S+)/.exec(server.output())![1]!;
  return installation('dev', server.url, adminKey, [{ name: 'dev', proc: server }], () => {
    rmSync(dataDir, { recursive: true, force: true });
    return Promise.resolve();
  });
}

/** A scratch MariaDB database, topics of its own, `caravan api` and worker processes. */
async function installMariadbKafka(options: InstallationOptions): Promise<Installation> {
  const { env, scratch } = await productionEnvironment('bench', {
    partitions: options.partitions ?? Math.max(4, options.dispatchers ?? 1),
    // Several dispatchers share limiter state, as in production.
    redis: Boolean(options.dispatchers),
    extra: { ...unthrottled, ...options.env },
  });
  const processes: Installation['processes'] = [];
  const cleanup = async () => {
    await Promise.all(processes.map((p) => p.proc.stop('SIGKILL')));
    await scratch.drop();
  };
  try {
    const migrated = await runCaravan(['migrate', 'latest'], env);
    if (migrated.code !== 0) throw new Error(`caravan migrate failed:\n${migrated.output}`);
    const api = await startCaravanServer(['api'], { ...env, CARAVAN_LOG_LEVEL: 'info' }, 120_000);
    processes.push({ name: 'api', proc: api });
    const startWorker = async (name: string, roles: string) => {
      const proc = await startCaravanServer(
        ['worker', '--roles', roles],
        { ...env, CARAVAN_LOG_LEVEL: 'info' },
        120_000,
        /worker running/,
      );
      processes.push({ name, proc });
    };
    const extra = options.extraRoles?.length ? `,${options.extraRoles.join(',')}` : '';
    if (options.dispatchers) {
      await startWorker('worker-router-scheduler', `router,scheduler${extra}`);
      for (let i = 1; i <= options.dispatchers; i++) await startWorker(`dispatcher-${i}`, 'dispatcher');
    } else {
      await startWorker('worker', `router,dispatcher,scheduler${extra}`);
    }
    return installation('mariadb-kafka', api.url, env.CARAVAN_ADMIN_KEY, processes, cleanup);
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Starts Caravan on the backend; the caller must `stop()` it. */
export function install(backend: Backend, options: InstallationOptions = {}): Promise<Installation> {
  return backend === 'dev' ? installDev(options) : installMariadbKafka(options);
}
