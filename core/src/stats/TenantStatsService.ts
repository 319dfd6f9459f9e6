import type { Clock } from '../domain/Clock.js';
import { ValidationError } from '../errors/index.js';
import type { TenantStatsBucket, TenantStatsStore } from '../storage/TenantStatsStore.js';

export interface StatsQuery {
  since?: number | undefined;
  until?: number | undefined;
  bucketSeconds?: number | undefined;
}

export interface TenantStatsSeries {
  since: number;
  until: number;
  bucketSeconds: number;
  /** Every bucket of the range, oldest first; empty ones are zeros. */
  data: TenantStatsBucket[];
}

const MAX_BUCKETS = 1440;
const MAX_RANGE_MS = 31 * 86_400_000;

/** A tenant's events and attempts over time, from the per-minute counters. */
export class TenantStatsService {
  constructor(private readonly deps: { stats: Pick<TenantStatsStore, 'range'>; clock: Clock }) {}

  async series(tenantId: string, query: StatsQuery): Promise<TenantStatsSeries> {
    const bucketSeconds = query.bucketSeconds ?? 60;
    const bucketMs = bucketSeconds * 1000;
    const until = query.until ?? this.deps.clock.now();
    const requested = query.since ?? until - 3_600_000;
    const since = requested - (((requested % bucketMs) + bucketMs) % bucketMs);
    const page = (path: string, message: string) =>
      new ValidationError([{ path: [path], message }], { root: 'page' });
    if (requested >= until) throw page('since', 'must be before until');
    if (until - since > MAX_RANGE_MS) throw page('since', 'the range may span at most 31 days');
    const count = Math.ceil((until - since) / bucketMs);
    if (count > MAX_BUCKETS) {
      throw page('bucketSeconds', `the range holds ${count} buckets of this size; at most ${MAX_BUCKETS}`);
    }
    const found = new Map(
      (await this.deps.stats.range(tenantId, since, until, bucketMs)).map((b) => [b.at, b] as const),
    );
    const data: TenantStatsBucket[] = [];
    for (let at = since; at < until; at += bucketMs) {
      data.push(found.get(at) ?? { at, events: 0, attemptsSucceeded: 0, attemptsFailed: 0 });
    }
    return { since, until, bucketSeconds, data };
  }
}
