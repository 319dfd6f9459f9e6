/**
 * Runs one benchmark scenario end to end and writes its results:
 *
 *   npm run bench -- <scenario> [--smoke] [--backend dev|mariadb-kafka] [--out <dir>] [--cpu-prof <dir>]
 *
 * Starts the service harness (idempotent), a receiver in its own process, measures the bare signed-POST
 * baseline against it, runs the scenario (which starts the Caravan processes it needs), measures the
 * baseline again, stops everything it started and writes `bench/results/<scenario>.{json,md,svg}`
 * (`bench/results/smoke/` for `--smoke`).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { measureBaseline } from './harness/baseline.js';
import { install, type Installation } from './harness/installation.js';
import { startReceiverProcess } from './harness/receiver.js';
import { ensureServices } from './harness/services.js';
import { machine, writeResult, type BenchResult } from './harness/report.js';
import type { Backend, BenchContext } from './harness/types.js';
import { scenarios } from './scenarios/index.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
// No benchmark (nor the Caravan processes it starts, which inherit this) may reach a cloud metadata
// server: the Pub/Sub client would otherwise probe for one.
process.env.METADATA_SERVER_DETECTION ??= 'none';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    backend: { type: 'string' },
    out: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const name = positionals[0];
const scenario = scenarios.find((s) => s.name === name);
if (!scenario) {
  process.stderr.write(
    `usage: npm run bench -- <scenario> [--smoke] [--backend dev|mariadb-kafka] [--out <dir>] [--cpu-prof <dir>]\nscenarios: ${scenarios.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(2);
}
const backend = (values.backend ?? scenario.backends[0]) as Backend;
if (!scenario.backends.includes(backend)) {
  process.stderr.write(`${scenario.name} runs on ${scenario.backends.join(' or ')}, not "${backend}"\n`);
  process.exit(2);
}
const smoke = values.smoke ?? false;
const note = (message: string) => process.stderr.write(`[bench ${scenario.name}] ${message}\n`);

await ensureServices(repoRoot);
const receiver = await startReceiverProcess();
const installations: Installation[] = [];
const baselineSeconds = smoke ? 1 : 5;
const startedAt = new Date();
try {
  note('baseline (before)');
  const before = await measureBaseline(receiver, baselineSeconds);
  note(`baseline: ${before.requestsPerSecond} signed POSTs/s`);
  const ctx: BenchContext = {
    smoke,
    backend,
    receiver,
    note,
    async install(options) {
      note(
        `starting Caravan (${backend}${options?.dispatchers ? `, ${options.dispatchers} dispatchers` : ''})`,
      );
      const profile = values['cpu-prof'];
      if (profile) mkdirSync(profile, { recursive: true });
      const caravan = await install(backend, {
        ...options,
        // Each Caravan process writes <pid>.cpuprofile into the folder when it exits (SIGTERM).
        ...(profile
          ? {
              env: {
                ...options?.env,
                NODE_OPTIONS: `--import=tsx --import=${fileURLToPath(new URL('./harness/cpuProfile.ts', import.meta.url))}`,
                CARAVAN_BENCH_CPU_PROF_DIR: resolve(profile),
              },
            }
          : {}),
      });
      installations.push(caravan);
      return caravan;
    },
    baseline: () => measureBaseline(receiver, baselineSeconds),
    stopAll: async () => void (await Promise.all(installations.splice(0).map((i) => i.stop()))),
  };
  const outcome = await scenario.run(ctx);
  await Promise.all(installations.splice(0).map((i) => i.stop()));
  note('baseline (after)');
  const after = await measureBaseline(receiver, baselineSeconds);
  const baselineRate = Math.round((before.requestsPerSecond + after.requestsPerSecond) / 2);
  const result: BenchResult = {
    scenario: scenario.name,
    backend,
    smoke,
    startedAt: startedAt.toISOString(),
    seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machine(),
    baseline: { before, after, requestsPerSecond: baselineRate },
    ratios: Object.fromEntries(
      Object.entries(outcome.rates).map(([k, v]) => [k, Number((v / baselineRate).toPrecision(3))]),
    ),
    ...outcome,
  };
  for (const [rate, least] of Object.entries(outcome.ratioTargets ?? {})) {
    const value = result.ratios[rate] ?? 0;
    result.targets = {
      ...result.targets,
      [`${rate} ≥ ${least} × baseline`]: { met: value >= least, value, limit: least },
    };
  }
  const dir =
    values.out ?? fileURLToPath(new URL(smoke ? './results/smoke/' : './results/', import.meta.url));
  const stem = writeResult(dir, result, scenario.backends[0]!);
  process.stdout.write(
    `${JSON.stringify({ result: `${stem}.json`, ...(result.headlines ? { headlines: result.headlines } : {}), ratios: result.ratios })}\n`,
  );
} finally {
  await Promise.all(installations.map((i) => i.stop()));
  await receiver.stop();
}
