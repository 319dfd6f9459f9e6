/**
 * Rewrites the results table of `bench/README.md` (between `<!-- results:start -->` and
 * `<!-- results:end -->`) from `bench/results/*.json`:
 *
 *   node --import tsx bench/table.ts
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './harness/report.js';

const dir = fileURLToPath(new URL('./results/', import.meta.url));
const readme = fileURLToPath(new URL('./README.md', import.meta.url));

const results = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as BenchResult);

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(3));
const rows = results.map((r) => {
  const ratios = Object.entries(r.ratios)
    .map(([k, v]) => `${k}: **${fmt(v)}**`)
    .join('<br>');
  const rates = Object.entries(r.rates)
    .map(([k, v]) => `${k}: ${v}`)
    .join('<br>');
  const latencies = Object.entries(r.latencies)
    .map(([k, l]) => `${k}: ${l.p50} / ${l.p99} / ${l.p999}`)
    .join('<br>');
  const targets = Object.entries(r.targets ?? {})
    .map(([k, t]) => `${t.met ? 'met' : '**missed**'}: ${k} (${t.value})`)
    .join('<br>');
  return `| [${r.scenario}](results/${r.scenario}${r.backend === 'dev' && r.scenario === 'throughput' ? '-dev' : ''}.md) | ${r.backend} | ${ratios} | ${r.baseline.requestsPerSecond} | ${rates} | ${latencies} | ${r.delivered}/${r.expected} | ${targets || '—'} | ${r.startedAt.slice(0, 16)}Z |`;
});
const table = [
  '| scenario | backend | ratio to baseline | baseline POSTs/s | rates (/s) | latency p50 / p99 / p99.9 (ms) | delivered | targets | run |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
const text = readFileSync(readme, 'utf8');
writeFileSync(
  readme,
  text.replace(
    /<!-- results:start -->[\s\S]*<!-- results:end -->/,
    `<!-- results:start -->\n\n${table}\n\n<!-- results:end -->`,
  ),
);
