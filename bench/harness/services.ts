import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { servicesEnv } from '@caravan/testing';

function reachable(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort
    .replace(/^\w+:\/\//, '')
    .replace(/\/.*$/, '')
    .split(':');
  return new Promise((resolve) => {
    const socket = connect({ host: host!, port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

async function allReachable(): Promise<boolean> {
  let env: Record<string, string>;
  try {
    env = servicesEnv();
  } catch {
    return false;
  }
  const addresses = [
    `${env.CARAVAN_TEST_MYSQL_HOST}:${env.CARAVAN_TEST_MYSQL_PORT}`,
    env.CARAVAN_TEST_REDIS_URL ?? '',
    ...(env.CARAVAN_TEST_KAFKA_BROKERS ?? '').split(','),
    env.PUBSUB_EMULATOR_HOST ?? '',
    env.CARAVAN_TEST_SQS_ENDPOINT ?? '',
  ];
  const answers = await Promise.all(
    addresses.map((a) => (a.includes(':') ? reachable(a) : Promise.resolve(false))),
  );
  return answers.every(Boolean);
}

/**
 * Makes sure the real services run: when every one already answers, nothing is touched (they are shared);
 * otherwise `scripts/services.sh up`, which is idempotent. A linked services folder (a worktree sharing
 * another checkout's services) is passed resolved, since the harness recognises its processes by path.
 */
export async function ensureServices(repoRoot: string): Promise<void> {
  if (await allReachable()) return;
  const dir = join(repoRoot, '.cache/services');
  execFileSync('bash', ['scripts/services.sh', 'up'], {
    cwd: repoRoot,
    env: { ...process.env, CARAVAN_SERVICES_DIR: existsSync(dir) ? realpathSync(dir) : dir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
