import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { repoRoot, waitFor } from '@caravan/testing';
import { caravanClient } from '../support/caravanClient.js';
import { printLedger } from '../support/chaos.js';
import { startCaravanServer } from '../support/caravanProcess.js';
import { startReceiver } from '../support/dispatching.js';

const cli = join(repoRoot, 'api/dist/cli/caravan.js');
const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

/**
 * `caravan dev` whose files may not grow past `limitKb` (RLIMIT_FSIZE, as a full disk would stop
 * them): a write past it fails with EFBIG. SIGXFSZ is ignored first, as the kernel would otherwise
 * kill the process at that write; an ignored signal stays ignored through exec.
 */
async function startLimitedDev(dataDir: string, limitKb: number, env: Record<string, string>) {
  const child = spawn(
    'bash',
    [
      '-c',
      `trap '' XFSZ; ulimit -f ${limitKb}; exec "$0" "$@"`,
      process.execPath,
      cli,
      'dev',
      '--data-dir',
      dataDir,
    ],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = once(child, 'exit');
  await waitFor(
    () => /listening on (http:\/\/[^\s"]+)/.test(output) || /"url":"(http:\/\/[^"]+)"/.test(output),
    'the limited caravan dev to listen',
    60_000,
  );
  const url = (/listening on (http:\/\/[^\s"]+)/.exec(output) ??
    /"url":"(http:\/\/[^"]+)"/.exec(output))![1]!;
  return {
    url,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

test('sqlite chaos › caravan dev on a full disk refuses with a clear error and loses nothing it acknowledged', async (t) => {
  t.timeout(10 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-diskfull-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const rx = await startReceiver();
  t.teardown(() => rx.close());
  const env = {
    CARAVAN_PORT: '0',
    CARAVAN_ADMIN_KEY: `cadm_diskfull_${Date.now()}`,
    CARAVAN_LOG_LEVEL: 'info',
  };

  // Set up on an unlimited disk: migrations, a tenant, its key and one endpoint.
  const setup = await startCaravanServer(['dev', '--data-dir', dataDir], env);
  const admin = caravanClient(setup.url, env.CARAVAN_ADMIN_KEY);
  const tenant = await admin.tenants.create({ name: 'Disk full' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  await caravanClient(setup.url, key).endpoints.create({ url: rx.url });
  t.is(await setup.stop('SIGTERM'), 0);

  // The disk has about 2 MB left beyond what the database holds now.
  const files = ['caravan.sqlite', 'caravan.sqlite-wal'].map((f) => join(dataDir, f));
  const limitKb = Math.ceil(Math.max(...files.map(sizeOf)) / 1024) + 2048;
  const full = await startLimitedDev(dataDir, limitKb, env);
  t.teardown(() => full.stop());

  const api = caravanClient(full.url, key);
  const acknowledged: string[] = [];
  const refusals: { status: number; code: string | undefined; detail: string }[] = [];
  const padding = 'x'.repeat(1000);
  for (let n = 0; n < 20_000 && refusals.length < 5; n += 50) {
    const batch = {
      events: Array.from({ length: 50 }, (_, j) => ({
        eventType: 'disk.fill',
        payload: { n: n + j, padding },
        idempotencyKey: `fill-${n + j}`,
      })),
    };
    try {
      acknowledged.push(...(await api.events.sendBatch(batch)).data.map((d) => d.id));
    } catch (error) {
      const e = error as { status?: number; code?: string; message?: string };
      refusals.push({ status: e.status ?? 0, code: e.code, detail: e.message ?? String(error) });
    }
  }
  t.log(`first refusals: ${JSON.stringify(refusals.slice(0, 2))}`);
  t.true(refusals.length > 0, 'the disk filled up during the run');
  t.true(full.alive(), `caravan dev is still running on a full disk:\n${full.output().slice(-3000)}`);
  for (const r of refusals) {
    t.true(r.status >= 500 && r.status < 600, `a full disk is a server-side refusal (${r.status})`);
    t.is(r.code, 'CARAVAN_LOG_UNAVAILABLE', 'a retriable refusal: nothing was acknowledged');
    t.regex(r.detail, /storage is full or failing/, 'which says what is wrong');
  }
  t.regex(full.output(), /disk is full or failing/, 'the operator is told too');
  await full.stop();

  // Room again: every event acknowledged before the disk filled is delivered.
  const roomy = await startCaravanServer(['dev', '--data-dir', dataDir], env);
  t.teardown(() => roomy.stop('SIGKILL'));
  const acked = new Set(acknowledged);
  const ids = () => new Set(rx.received.map((r) => r.headers['webhook-id']));
  await waitFor(
    () => [...acked].every((id) => ids().has(id)),
    'every acknowledged event delivered',
    180_000,
  ).catch(() => undefined);
  const seen = ids();
  const lost = [...acked].filter((id) => !seen.has(id)).length;
  printLedger(
    t,
    'SQLite disk full (caravan dev)',
    {
      acknowledged: acked.size,
      delivered: acked.size - lost,
      lost,
      duplicates: rx.received.length - seen.size,
    },
    [`database files capped at ${limitKb} KB (RLIMIT_FSIZE) until writes failed; restarted with room`],
    refusals.length,
  );
  t.true(acked.size > 0, 'events were acknowledged before the disk filled');
  t.is(lost, 0, 'no acknowledged event is lost');
  t.is(await roomy.stop('SIGTERM'), 0);
});
