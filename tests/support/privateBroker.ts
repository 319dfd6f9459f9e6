import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ExecutionContext } from 'ava';
import { freePort, repoRoot, servicesDir } from '@caravan/testing';

const run = promisify(execFile);

/** The brokers a destination writes to, by their `scripts/services.sh` names. */
export type BrokerService = 'kafka' | 'pubsub' | 'elasticmq' | 'rabbitmq';

/** A broker instance of one test's own, in its own services folder on its own ports. */
export interface PrivateBroker {
  readonly service: BrokerService;
  /** Its settings, as `scripts/services.sh` wrote them (`CARAVAN_TEST_KAFKA_BROKERS`, …). */
  readonly settings: Record<string, string>;
  /**
   * Stops the broker (SIGTERM, as an operator's restart does), keeps it down for `downMs`, starts it
   * again and waits until it answers. Answers when it was down: from the moment it stopped answering
   * to the moment it answered again.
   */
  restart(downMs?: number): Promise<{ downAt: number; upAt: number }>;
}

/**
 * Starts a private instance of `service` with `scripts/services.sh` (a temporary
 * `CARAVAN_SERVICES_DIR`, free ports), so a test may stop and restart it without touching the
 * services every other test shares. The JVM services' jars are copied from the shared folder when it
 * has them, so no Maven run is needed. Stopped and removed when the test ends.
 */
export async function startPrivateBroker(
  t: ExecutionContext,
  service: BrokerService,
): Promise<PrivateBroker> {
  const dir = mkdtempSync(join(realpathSync(tmpdir()), `caravan-private-${service}-`));
  const env: Record<string, string> = { CARAVAN_SERVICES_DIR: dir };
  switch (service) {
    case 'kafka':
      env.CARAVAN_SERVICES_KAFKA_PORT = String(await freePort());
      env.CARAVAN_SERVICES_KAFKA_CONTROLLER_PORT = String(await freePort());
      env.CARAVAN_SERVICES_KAFKA_HEAP = '-Xms64m -Xmx384m';
      break;
    case 'pubsub':
      env.CARAVAN_SERVICES_PUBSUB_PORT = String(await freePort());
      break;
    case 'elasticmq':
      env.CARAVAN_SERVICES_SQS_PORT = String(await freePort());
      break;
    case 'rabbitmq':
      env.CARAVAN_SERVICES_RABBITMQ_PORT = String(await freePort());
      env.CARAVAN_SERVICES_RABBITMQ_DIST_PORT = String(await freePort());
      env.CARAVAN_SERVICES_RABBITMQ_EPMD_PORT = String(await freePort());
      break;
  }
  const shared = join(servicesDir, service, 'libs');
  if (existsSync(shared)) cpSync(shared, join(dir, service, 'libs'), { recursive: true });

  const script = (...args: string[]) =>
    // Run from the private folder: a crashing node writes its dump into the working directory.
    run('bash', [join(repoRoot, 'scripts/services.sh'), ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
  t.teardown(async () => {
    await script('down', service).catch(() => undefined);
    stopStrays(dir, env.CARAVAN_SERVICES_RABBITMQ_EPMD_PORT);
    rmSync(dir, { recursive: true, force: true });
  });
  await script('up', service);
  const settings = Object.fromEntries(
    readFileSync(join(dir, 'services.env'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
  return {
    service,
    settings,
    async restart(downMs = 3000) {
      await script('down', service);
      const downAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      // A node that has just stopped can still hold its name or files for a moment; start again then.
      for (let attempt = 1; ; attempt++) {
        try {
          await script('up', service);
          break;
        } catch (error) {
          if (attempt === 3) throw error;
          t.log(`${service} did not start again (attempt ${attempt}); retrying`);
          stopStrays(dir);
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
      return { downAt, upAt: Date.now() };
    },
  };
}

/**
 * Ends the processes of this private instance that `scripts/services.sh` no longer tracks, each by its
 * pid: any whose command line names the private folder (a node that outlived its wrapper), and the
 * Erlang port mapper RabbitMQ spawned on the private port, which outlives the broker by design.
 */
function stopStrays(dir: string, epmdPort?: string): void {
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    const cmdline = read(pid, 'cmdline');
    const ours =
      cmdline.includes(`${dir}/`) ||
      (epmdPort !== undefined &&
        cmdline.split('\0')[0]?.endsWith('epmd') === true &&
        read(pid, 'environ').includes(`ERL_EPMD_PORT=${epmdPort}\0`));
    if (!ours) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
