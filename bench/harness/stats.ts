import type { LatencySummary } from './types.js';

/** Nearest-rank percentile of sorted values (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Percentiles and a logarithmic histogram (bounds 1, 2, 5, 10, 20, 50 … ms) of latencies in ms. */
export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const bounds: number[] = [];
  for (let decade = 1; decade <= 1_000_000; decade *= 10) bounds.push(decade, 2 * decade, 5 * decade);
  const counts = new Map<number, number>();
  let i = 0;
  for (const bound of bounds) {
    let n = 0;
    while (i < sorted.length && sorted[i]! <= bound) {
      n++;
      i++;
    }
    if (n > 0 || counts.size > 0) counts.set(bound, n);
    if (i >= sorted.length) break;
  }
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    p999: round(percentile(sorted, 99.9)),
    max: round(sorted.at(-1) ?? 0),
    histogram: [...counts.entries()],
  };
}
