import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BaselineResult, LatencySummary, ScenarioOutcome } from './types.js';

export interface BenchResult extends ScenarioOutcome {
  scenario: string;
  backend: string;
  smoke: boolean;
  startedAt: string;
  seconds: number;
  machine: { nproc: number; memTotalGb: number; memFreeGb: number; uname: string; node: string };
  baseline: { before: BaselineResult; after: BaselineResult; requestsPerSecond: number };
  /** Each of `rates` divided by the baseline's signed POSTs/s. */
  ratios: Record<string, number>;
}

export function machine(): BenchResult['machine'] {
  const gb = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;
  let uname = '';
  try {
    uname = execFileSync('uname', ['-a'], { encoding: 'utf8' }).trim();
  } catch {
    uname = process.platform;
  }
  return {
    nproc: cpus().length,
    memTotalGb: gb(totalmem()),
    memFreeGb: gb(freemem()),
    uname,
    node: process.version,
  };
}

function markdown(r: BenchResult): string {
  const rows = [
    `### ${r.scenario} (${r.backend}${r.smoke ? ', smoke' : ''}) — ${r.startedAt}`,
    '',
    '| figure | value |',
    '| --- | --- |',
    ...Object.entries(r.headlines ?? {}).map(([k, v]) => `| **${k}** | **${v.toFixed(3)}** |`),
    ...Object.entries(r.ratios).map(([k, v]) => `| **${k} / baseline** | **${v.toFixed(3)}** |`),
    `| baseline signed POSTs/s (before, after) | ${r.baseline.requestsPerSecond} (${r.baseline.before.requestsPerSecond}, ${r.baseline.after.requestsPerSecond}) |`,
    ...Object.entries(r.rates).map(([k, v]) => `| ${k} | ${v} |`),
    `| delivered / expected | ${r.delivered} / ${r.expected} |`,
    ...Object.entries(r.latencies).map(
      ([k, l]) =>
        `| ${k} p50 / p99 / p99.9 / max (ms) | ${l.p50} / ${l.p99} / ${l.p999} / ${l.max} (n=${l.count}) |`,
    ),
    ...Object.entries(r.metrics).map(([k, v]) => `| ${k} | ${String(v)} |`),
    ...Object.entries(r.targets ?? {}).map(
      ([k, t]) => `| target: ${k} | ${t.met ? 'met' : '**missed**'} (${t.value} vs ${t.limit}) |`,
    ),
  ];
  return `${rows.join('\n')}\n`;
}

const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

/** Grouped bars: share of requests per logarithmic latency bucket, one colour per series. */
function svg(title: string, series: Record<string, LatencySummary>): string {
  const entries = Object.entries(series).filter(([, s]) => s.count > 0);
  const bounds = [...new Set(entries.flatMap(([, s]) => s.histogram.map(([b]) => b)))].sort((a, b) => a - b);
  const width = Math.max(480, 80 + bounds.length * 60);
  const height = 300;
  const plotH = 200;
  const groupW = 60;
  const barW = Math.max(4, Math.floor((groupW - 10) / Math.max(1, entries.length)));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="10" y="16" font-size="13">${title}: share of requests by latency (ms, bucket upper bound)</text>`,
    `<line x1="50" y1="${30 + plotH}" x2="${width - 10}" y2="${30 + plotH}" stroke="#333"/>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const y = 30 + plotH - tick * plotH;
    parts.push(`<text x="8" y="${y + 4}">${Math.round(tick * 100)}%</text>`);
    parts.push(`<line x1="50" y1="${y}" x2="${width - 10}" y2="${y}" stroke="#eee"/>`);
  }
  bounds.forEach((bound, i) => {
    const x0 = 55 + i * groupW;
    parts.push(`<text x="${x0}" y="${30 + plotH + 14}">≤${bound}</text>`);
    entries.forEach(([, s], k) => {
      const count = s.histogram.find(([b]) => b === bound)?.[1] ?? 0;
      const h = (count / s.count) * plotH;
      parts.push(
        `<rect x="${x0 + k * barW}" y="${30 + plotH - h}" width="${barW - 1}" height="${h}" fill="${colours[k % colours.length]}"/>`,
      );
    });
  });
  entries.forEach(([name, s], k) => {
    const y = 30 + plotH + 34 + k * 14;
    parts.push(`<rect x="50" y="${y - 9}" width="10" height="10" fill="${colours[k % colours.length]}"/>`);
    parts.push(`<text x="65" y="${y}">${name}: p50 ${s.p50} ms, p99 ${s.p99} ms, n=${s.count}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`.replace(
    `height="${height}"`,
    `height="${30 + plotH + 44 + entries.length * 14}"`,
  );
}

/**
 * Writes `<scenario>.json`, `.md` and `.svg` to `dir` (the scenario's default backend) or
 * `<scenario>-<backend>.*` (another backend). Returns the file stem written.
 */
export function writeResult(dir: string, r: BenchResult, defaultBackend: string): string {
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, r.backend === defaultBackend ? r.scenario : `${r.scenario}-${r.backend}`);
  writeFileSync(`${stem}.json`, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(`${stem}.md`, markdown(r));
  writeFileSync(`${stem}.svg`, svg(`${r.scenario} (${r.backend})`, r.latencies));
  return stem;
}
