import type { Knex } from 'knex';
import type { OperationalEvent } from '../../domain/operationalEvent.js';
import type { BreakerEndpoint, BreakerRow, BreakerRowState, BreakerStore } from '../BreakerStore.js';
import type { Database } from '../createDatabase.js';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';
import { insertOperationalEvent } from './operationalEventRows.js';
import { stepTransaction, type Step } from './stepTransaction.js';
import { msOrNull } from './columns.js';

interface Row {
  endpoint_id: string;
  tenant_id: string;
  state: BreakerRowState;
  opened_at: number | string | null;
  next_probe_at: number | string | null;
  consecutive_failures: number;
  failed_probes: number;
  window: string | null;
  last_error: string | null;
}

const UNSETTLED = ['pending', 'retrying'];

/** {@link BreakerStore} on MySQL/MariaDB or SQLite through knex; every transition is a guarded UPDATE. */
export class KnexBreakerStore implements BreakerStore {
  constructor(private readonly deps: { db: Database }) {}

  async openCounts(): Promise<{ tenantId: string; count: number }[]> {
    const rows: { tenant_id: string; count: number | string }[] = await this.deps
      .db('endpoint_breakers')
      .whereIn('state', ['open', 'half_open'])
      .groupBy('tenant_id')
      .select('tenant_id')
      .count({ count: '*' });
    return rows.map((r) => ({ tenantId: r.tenant_id, count: Number(r.count) }));
  }

  async get(endpointId: string): Promise<BreakerRow | undefined> {
    const r = (await this.deps.db('endpoint_breakers').where({ endpoint_id: endpointId }).first()) as
      Row | undefined;
    if (!r) return undefined;
    return {
      endpointId: r.endpoint_id,
      tenantId: r.tenant_id,
      state: r.state,
      openedAt: msOrNull(r.opened_at),
      nextProbeAt: msOrNull(r.next_probe_at),
      consecutiveFailures: r.consecutive_failures,
      failedProbes: r.failed_probes,
      window: r.window ? (JSON.parse(r.window) as BreakerRow['window']) : [],
      lastError: r.last_error,
    };
  }

  async open(
    target: BreakerEndpoint,
    change: { now: number; nextProbeAt: number; lastError: string | null },
    event: (row: { nextProbeAt: number }) => OperationalEvent,
  ): Promise<boolean> {
    await this.ensureRow(target, change.now);
    return stepTransaction(this.deps.db, function* (trx) {
      const changed = yield trx('endpoint_breakers')
        .where({ endpoint_id: target.endpointId, state: 'closed' })
        .update({
          state: 'open',
          opened_at: change.now,
          next_probe_at: change.nextProbeAt,
          failed_probes: 0,
          window: null,
          last_error: change.lastError?.slice(0, 1000) ?? null,
          updated_at: change.now,
        });
      if (changed === 0) return false;
      yield* insertOperationalEvent(trx, event({ nextProbeAt: change.nextProbeAt }));
      return true;
    });
  }

  async claimProbe(endpointId: string, expected: number, leaseUntil: number, now: number): Promise<boolean> {
    const changed = await this.deps
      .db('endpoint_breakers')
      .where({ endpoint_id: endpointId, next_probe_at: expected })
      .whereIn('state', ['open', 'half_open'])
      .update({ state: 'half_open', next_probe_at: leaseUntil, updated_at: now });
    return changed > 0;
  }

  async probeFailed(endpointId: string, lease: number, nextProbeAt: number, now: number): Promise<boolean> {
    const changed = await this.deps
      .db('endpoint_breakers')
      .where({ endpoint_id: endpointId, state: 'half_open', next_probe_at: lease })
      .update({
        state: 'open',
        next_probe_at: nextProbeAt,
        failed_probes: this.deps.db.raw('failed_probes + 1'),
        updated_at: now,
      });
    return changed > 0;
  }

  async close(endpointId: string, lease: number, now: number, event: () => OperationalEvent) {
    return stepTransaction(this.deps.db, function* (trx) {
      const changed = yield trx('endpoint_breakers')
        .where({ endpoint_id: endpointId, state: 'half_open', next_probe_at: lease })
        .update({
          state: 'closed',
          opened_at: null,
          next_probe_at: null,
          failed_probes: 0,
          consecutive_failures: 0,
          window: null,
          updated_at: now,
        });
      if (changed === 0) return false;
      yield* insertOperationalEvent(trx, event());
      return true;
    });
  }

  async saveFigures(
    target: BreakerEndpoint,
    figures: { window: [number, number, number][]; consecutiveFailures: number; lastError: string | null },
    now: number,
  ): Promise<void> {
    await this.ensureRow(target, now);
    await this.deps
      .db('endpoint_breakers')
      .where({ endpoint_id: target.endpointId, state: 'closed' })
      .update({
        window: JSON.stringify(figures.window),
        consecutive_failures: figures.consecutiveFailures,
        last_error: figures.lastError?.slice(0, 1000) ?? null,
        updated_at: now,
      });
  }

  async markFailing(target: BreakerEndpoint, at: number): Promise<number | null> {
    const where = { tenant_id: target.tenantId, id: target.endpointId };
    await this.deps.db('endpoints').where(where).whereNull('failing_since').update({ failing_since: at });
    const row = (await this.deps.db('endpoints').where(where).select('failing_since').first()) as
      { failing_since: number | string | null } | undefined;
    return row ? msOrNull(row.failing_since) : null;
  }

  async clearFailing(target: BreakerEndpoint): Promise<void> {
    await this.deps
      .db('endpoints')
      .where({ tenant_id: target.tenantId, id: target.endpointId })
      .whereNotNull('failing_since')
      .update({ failing_since: null });
  }

  async disableFailing(
    target: BreakerEndpoint,
    failingSinceAtMost: number,
    now: number,
    event: (endpoint: { ownerId: string | null; failingSince: number }) => OperationalEvent,
  ): Promise<boolean> {
    return stepTransaction(this.deps.db, function* (trx) {
      const where = { tenant_id: target.tenantId, id: target.endpointId };
      const endpoint = (
        (yield trx('endpoints').where(where).select('owner_id', 'failing_since', 'status')) as {
          owner_id: string | null;
          failing_since: number | string | null;
          status: string;
        }[]
      )[0];
      const failingSince = endpoint ? msOrNull(endpoint.failing_since) : null;
      if (!endpoint || endpoint.status === 'disabled' || failingSince === null) return false;
      if (failingSince > failingSinceAtMost) return false;
      const changed = yield trx('endpoints')
        .where(where)
        .whereNot('status', 'disabled')
        .andWhere('failing_since', '<=', failingSinceAtMost)
        .update({ status: 'disabled', disabled_reason: 'continuous_failure', updated_at: now });
      if (changed === 0) return false;
      yield* settleUnsent(trx, target, now);
      yield* insertOperationalEvent(trx, event({ ownerId: endpoint.owner_id, failingSince }));
      return true;
    });
  }

  private async ensureRow(target: BreakerEndpoint, now: number): Promise<void> {
    const exists = (await this.deps
      .db('endpoint_breakers')
      .where({ endpoint_id: target.endpointId })
      .select('endpoint_id')
      .first()) as { endpoint_id: string } | undefined;
    if (exists) return;
    try {
      await this.deps.db('endpoint_breakers').insert({
        endpoint_id: target.endpointId,
        tenant_id: target.tenantId,
        state: 'closed',
        consecutive_failures: 0,
        failed_probes: 0,
        updated_at: now,
      });
    } catch (error) {
      // Another dispatcher created it first.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

// Like a 410: the disabled endpoint discards what was never sent and fails what was due.
function* settleUnsent(trx: Knex, target: BreakerEndpoint, now: number): Generator<Step, void, unknown> {
  const unsent = () =>
    trx('deliveries')
      .where({ tenant_id: target.tenantId, endpoint_id: target.endpointId })
      .whereIn('status', UNSETTLED);
  const settled = { next_attempt_at: null, next_trigger: null, claimed_until: null, updated_at: now };
  yield unsent()
    .where('attempt_count', 0)
    .update({ ...settled, status: 'discarded' });
  yield unsent().update({ ...settled, status: 'failed' });
}
