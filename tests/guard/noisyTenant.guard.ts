import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { caravanClient } from '../support/caravanClient.js';
import { startCaravanServer } from '../support/caravanProcess.js';
import type { HostileTenantMessage, HostileTenantOptions, HostileTenantReport } from './hostileTenant.js';

// The noisy-tenant guard: while tenant A sends the worst inputs of issue #17, tenant B's ingest p99
// stays within twice its quiet value. Both are measured in this test against the same `caravan dev`,
// in alternating rounds (quiet, attacked, quiet, …), so that whatever else the machine runs weighs on
// both. Tenant A runs in a process of its own at a low CPU priority (see hostileTenant.ts). The attacks
// and what the guard has found are in docs/testing.md.

// Short rounds, many of them: a change in the machine's other load lands on both sides alike.
const ROUNDS = Number(process.env.GUARD_ROUNDS ?? 20);
const SAMPLES_PER_ROUND = 100;
// The first answers of each round are left out: the loop is still turning from one phase to the other.
const SETTLE_SAMPLES = 5;

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.99) - 1]!;

/** Tenant B's ingest latencies: one event at a time, each answer awaited, as a quiet producer sends. */
async function measure(url: string, key: string, label: string, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 'quiet.tick', payload: { label, i } }),
    });
    await res.arrayBuffer();
    if (res.status !== 202) throw new Error(`tenant B's ingest answered ${res.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies.slice(SETTLE_SAMPLES);
}

function hostileTenant(options: HostileTenantOptions) {
  const script = fileURLToPath(new URL('./hostileTenant.ts', import.meta.url));
  const child = spawn('nice', ['-n', '10', process.execPath, '--import=tsx', script], {
    env: { ...process.env, HOSTILE_TENANT: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const command = async (message: HostileTenantMessage) => {
    const answered = once(child, 'message') as Promise<[HostileTenantReport]>;
    child.send(message);
    return (await answered)[0];
  };
  return { command, close: () => child.kill('SIGKILL') };
}

test('noisy-tenant guard › tenant B’s ingest p99 stays within twice its quiet value while tenant A attacks', async (t) => {
  t.timeout(15 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-guard-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const adminKey = `cadm_guard_${Date.now()}`;
  const dev = await startCaravanServer(['dev', '--data-dir', dataDir], {
    CARAVAN_PORT: '0',
    CARAVAN_ADMIN_KEY: adminKey,
    CARAVAN_LOG_LEVEL: 'warn',
  });
  t.teardown(() => dev.stop(process.env.CARAVAN_BENCH_CPU_PROF_DIR ? 'SIGINT' : 'SIGKILL'));
  const admin = caravanClient(dev.url, adminKey);
  const keys: string[] = [];
  for (const name of ['Noisy A', 'Quiet B']) {
    const tenant = await admin.tenants.create({ name });
    keys.push((await admin.apiKeys.create(tenant.id, {})).key);
  }
  const [a, b] = keys as [string, string];
  const tenantA = caravanClient(dev.url, a);
  await tenantA.eventTypes.create({
    name: 'noisy.redos',
    schema: { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } },
  });

  // GUARD_ATTACKS=redos,maxBatch runs only some, to find which one a slowdown of tenant B comes from.
  const attacks = process.env.GUARD_ATTACKS?.split(',').filter(Boolean) ?? [];
  const attacker = hostileTenant({ url: dev.url, key: a, attacks, concurrency: 1 });
  t.teardown(() => attacker.close());

  await measure(dev.url, b, 'warm-up', 100);
  const quiet: number[] = [];
  const noisy: number[] = [];
  let report: HostileTenantReport | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    quiet.push(...(await measure(dev.url, b, 'quiet', SAMPLES_PER_ROUND)));
    await attacker.command('attack');
    try {
      noisy.push(...(await measure(dev.url, b, 'noisy', SAMPLES_PER_ROUND)));
    } finally {
      report = await attacker.command('pause');
    }
    // What tenant A got accepted is routed before B is measured quiet again.
    if (report.lastAccepted) await waitForEvent(tenantA, report.lastAccepted);
  }
  const [quietP99, noisyP99] = [p99(quiet), p99(noisy)];
  t.log(
    `tenant B ingest p99 over ${quiet.length} samples each: quiet ${quietP99.toFixed(1)} ms, under attack ${noisyP99.toFixed(1)} ms (${(noisyP99 / quietP99).toFixed(2)}×); tenant A's answers: ${JSON.stringify(report?.counts)}`,
  );
  t.true(
    noisyP99 <= 2 * quietP99,
    `p99 under attack ${noisyP99.toFixed(1)} ms > 2 × quiet ${quietP99.toFixed(1)} ms`,
  );
});

async function waitForEvent(client: ReturnType<typeof caravanClient>, id: string): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    try {
      await client.events.get(id);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`tenant A's event ${id} was not stored within 2 minutes`);
}
