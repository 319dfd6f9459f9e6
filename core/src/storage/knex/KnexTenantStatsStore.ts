import type { Database } from '../createDatabase.js';
import type { TenantStatsBucket, TenantStatsDelta, TenantStatsStore } from '../TenantStatsStore.js';

// MySQL returns BIGINT columns as strings.
interface StatsRow {
  tenant_id: string;
  minute: number | string;
  events: number | string;
  attempts_succeeded: number | string;
  attempts_failed: number | string;
}

/** {@link TenantStatsStore} in `tenant_stats`: one row per tenant and minute, incremented in SQL. */
export class KnexTenantStatsStore implements TenantStatsStore {
  constructor(private readonly deps: { db: Database }) {}

  async add(deltas: readonly TenantStatsDelta[]): Promise<void> {
    const { db } = this.deps;
    // Rows in key order, so two processes adding to the same minutes cannot deadlock.
    const sorted = [...deltas].sort((a, b) =>
      a.tenantId === b.tenantId ? a.minute - b.minute : a.tenantId < b.tenantId ? -1 : 1,
    );
    for (const d of sorted) {
      await db('tenant_stats')
        .insert({
          tenant_id: d.tenantId,
          minute: d.minute,
          events: d.events,
          attempts_succeeded: d.attemptsSucceeded,
          attempts_failed: d.attemptsFailed,
        })
        .onConflict(['tenant_id', 'minute'])
        .merge({
          events: db.raw('tenant_stats.events + ?', [d.events]),
          attempts_succeeded: db.raw('tenant_stats.attempts_succeeded + ?', [d.attemptsSucceeded]),
          attempts_failed: db.raw('tenant_stats.attempts_failed + ?', [d.attemptsFailed]),
        });
    }
  }

  async range(
    tenantId: string,
    since: number,
    until: number,
    bucketMs: number,
  ): Promise<TenantStatsBucket[]> {
    const rows: StatsRow[] = await this.deps
      .db<StatsRow>('tenant_stats')
      .where({ tenant_id: tenantId })
      .andWhere('minute', '>=', since)
      .andWhere('minute', '<', until)
      .orderBy('minute')
      .select('minute', 'events', 'attempts_succeeded', 'attempts_failed');
    const buckets = new Map<number, TenantStatsBucket>();
    for (const row of rows) {
      const minute = Number(row.minute);
      const at = since + Math.floor((minute - since) / bucketMs) * bucketMs;
      let bucket = buckets.get(at);
      if (!bucket) {
        bucket = { at, events: 0, attemptsSucceeded: 0, attemptsFailed: 0 };
        buckets.set(at, bucket);
      }
      bucket.events += Number(row.events);
      bucket.attemptsSucceeded += Number(row.attempts_succeeded);
      bucket.attemptsFailed += Number(row.attempts_failed);
    }
    return [...buckets.values()];
  }
}
