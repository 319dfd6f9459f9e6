import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { repoRoot } from '@caravan/testing';
import type { BenchResult } from '../../bench/harness/report.js';

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'caravan-bench-smoke-'));
test.after.always(() => rmSync(out, { recursive: true, force: true }));

/** Runs `npm run bench -- <scenario> --smoke` as a user would and reads the result file it wrote. */
async function smoke(scenario: string, backend?: string): Promise<BenchResult> {
  const args = ['run', 'bench', '--', scenario, '--smoke', '--out', out];
  if (backend) args.push('--backend', backend);
  const { stdout } = await run('npm', args, { cwd: repoRoot, maxBuffer: 10_000_000 });
  const written = (JSON.parse(stdout.trim().split('\n').at(-1)!) as { result: string }).result;
  return JSON.parse(readFileSync(written, 'utf8')) as BenchResult;
}

for (const [scenario, backend] of [
  ['throughput', 'mariadb-kafka'],
  ['throughput', 'dev'],
  ['fanout', 'mariadb-kafka'],
  ['noisy-neighbour', 'mariadb-kafka'],
  ['retry-storm', 'mariadb-kafka'],
  ['rate-limits', 'mariadb-kafka'],
  ['sources', 'mariadb-kafka'],
  ['scale', 'mariadb-kafka'],
] as const) {
  test.serial(
    `bench smoke › ${scenario} on ${backend} delivers every event and reports ratios to the baseline`,
    async (t) => {
      const result = await smoke(scenario, backend);
      t.like(result, { scenario, backend, smoke: true });
      t.true(result.expected > 0);
      t.is(result.delivered, result.expected, 'every expected delivery reached the receiver');
      t.true(result.baseline.before.requestsPerSecond > 0 && result.baseline.after.requestsPerSecond > 0);
      t.true(Object.keys(result.ratios).length > 0);
      for (const [name, ratio] of Object.entries(result.ratios)) t.true(ratio > 0, `${name} ratio ${ratio}`);
      for (const [name, l] of Object.entries(result.latencies)) {
        t.true(
          l.count > 0 && l.p50 >= 0 && l.p99 >= l.p50 && l.max >= l.p99,
          `${name} latencies are ordered`,
        );
      }
      t.is(result.metrics.badSignatures ?? 0, 0, 'every request carried a valid signature');
      t.true(
        readFileSync(join(out, `${scenario}${backend === 'dev' ? '-dev' : ''}.svg`), 'utf8').startsWith(
          '<svg',
        ),
      );
    },
  );
}
