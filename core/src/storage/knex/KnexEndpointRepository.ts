import type { Knex } from 'knex';
import type { Endpoint } from '../../domain/endpoint.js';
import type { Job } from '../../domain/job.js';
import type { Database } from '../createDatabase.js';
import { jobRow } from './KnexJobRepository.js';
import type {
  EndpointChanges,
  EndpointHealthRecord,
  EndpointRepository,
  RotationPlan,
  StoredEndpointSecret,
} from '../EndpointRepository.js';
import { decodeTimeCursor, toPage, type PageRequest } from '../Page.js';
import {
  changesToRow,
  endpointToRow,
  secretToRow,
  toEndpoint,
  toSecret,
  type EndpointRow,
  type SecretRow,
} from './endpointRows.js';
import { writeTransaction } from './writeTransaction.js';
import { msOrNull } from './columns.js';

type Db = Knex | Knex.Transaction;

// An attempt succeeded when the receiver answered 2xx (redirects are not followed).
const SUCCESS = 'status_code >= 200 and status_code <= 299 and error_code is null';

/** {@link EndpointRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexEndpointRepository implements EndpointRepository {
  constructor(private readonly deps: { db: Database }) {}

  private get db() {
    return this.deps.db;
  }

  // Endpoints with the current secret's public key joined in.
  private endpoints(db: Db) {
    return db('endpoints as e')
      .leftJoin('endpoint_secrets as s', (j) => {
        j.on('s.endpoint_id', '=', 'e.id').andOnNull('s.expires_at');
      })
      .select('e.*', 's.public_key as current_public_key');
  }

  private async find(db: Db, tenantId: string, id: string): Promise<Endpoint | undefined> {
    const row = (await this.endpoints(db).where({ 'e.tenant_id': tenantId, 'e.id': id }).first()) as
      EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  // A no-op write as the transaction's first statement takes the row's write lock on MySQL and the
  // database's write lock on SQLite, so the reads that follow cannot be invalidated by a concurrent writer.
  private async lockEndpoint(trx: Knex.Transaction, tenantId: string, id: string): Promise<void> {
    await trx('endpoints')
      .where({ tenant_id: tenantId, id })
      .update({ signing_scheme: trx.ref('signing_scheme') });
  }

  async insert(endpoint: Endpoint, secret: StoredEndpointSecret) {
    return writeTransaction(this.db, async (trx) => {
      await trx('tenants')
        .where({ id: endpoint.tenantId })
        .update({ max_endpoints: trx.ref('max_endpoints') });
      const tenant = (await trx('tenants')
        .where({ id: endpoint.tenantId })
        .select('max_endpoints')
        .first()) as { max_endpoints: number } | undefined;
      const limit = tenant?.max_endpoints ?? 0;
      const counted = (await trx('endpoints')
        .where({ tenant_id: endpoint.tenantId })
        .count({ n: '*' })
        .first()) as { n: number | string };
      if (Number(counted.n) >= limit) return { inserted: false as const, limit };
      await trx('endpoints').insert(endpointToRow(endpoint));
      await trx('endpoint_secrets').insert(secretToRow(secret));
      return { inserted: true as const };
    });
  }

  get(tenantId: string, id: string): Promise<Endpoint | undefined> {
    return this.find(this.db, tenantId, id);
  }

  async list(tenantId: string, filter: { ownerId?: string }, { limit, cursor }: PageRequest) {
    const q = this.endpoints(this.db)
      .where('e.tenant_id', tenantId)
      .orderBy([
        { column: 'e.created_at', order: 'desc' },
        { column: 'e.id', order: 'desc' },
      ]);
    if (filter.ownerId !== undefined) void q.andWhere('e.owner_id', filter.ownerId);
    if (cursor) {
      const at = decodeTimeCursor(cursor);
      void q.andWhere((w) => {
        void w.where('e.created_at', '<', at.value).orWhere((x) => {
          void x.where('e.created_at', '=', at.value).andWhere('e.id', '<', at.id);
        });
      });
    }
    const rows = (await q.limit(limit + 1)) as EndpointRow[];
    return toPage(rows, limit, toEndpoint, (r) => ({ value: Number(r.created_at), id: r.id }));
  }

  async update(tenantId: string, id: string, changes: EndpointChanges): Promise<Endpoint | undefined> {
    const changed = await this.db('endpoints')
      .where({ tenant_id: tenantId, id })
      .update(changesToRow(changes));
    return changed ? this.get(tenantId, id) : undefined;
  }

  async setStatus(tenantId: string, id: string, status: 'active' | 'paused', now: number) {
    return writeTransaction(this.db, async (trx) => {
      await this.lockEndpoint(trx, tenantId, id);
      const current = await this.find(trx, tenantId, id);
      if (!current || current.status === status) return current;
      const set: Record<string, unknown> = { status, disabled_reason: null, updated_at: now };
      if (status === 'active') {
        set.failing_since = null;
        await trx('endpoint_breakers').where({ tenant_id: tenantId, endpoint_id: id }).delete();
      }
      await trx('endpoints').where({ tenant_id: tenantId, id }).update(set);
      return this.find(trx, tenantId, id);
    });
  }

  async delete(tenantId: string, id: string, now: number): Promise<boolean> {
    return writeTransaction(this.db, async (trx) => {
      await this.lockEndpoint(trx, tenantId, id);
      const exists = (await trx('endpoints').where({ tenant_id: tenantId, id }).select('id').first()) as
        { id: string } | undefined;
      if (!exists) return false;
      await trx('deliveries')
        .where({ tenant_id: tenantId, endpoint_id: id })
        .whereIn('status', ['pending', 'retrying'])
        .update({ status: 'discarded', next_attempt_at: null, updated_at: now });
      await trx('endpoint_secrets').where({ tenant_id: tenantId, endpoint_id: id }).delete();
      await trx('endpoint_breakers').where({ tenant_id: tenantId, endpoint_id: id }).delete();
      return (await trx('endpoints').where({ tenant_id: tenantId, id }).delete()) > 0;
    });
  }

  async liveSecrets(tenantId: string, endpointId: string, now: number): Promise<StoredEndpointSecret[]> {
    return this.selectLiveSecrets(this.db, tenantId, endpointId, now);
  }

  private async selectLiveSecrets(db: Db, tenantId: string, endpointId: string, now: number) {
    const rows = (await db('endpoint_secrets')
      .where({ tenant_id: tenantId, endpoint_id: endpointId })
      .andWhere((w) => {
        void w.whereNull('expires_at').orWhere('expires_at', '>', now);
      })
      .orderByRaw('case when expires_at is null then 0 else 1 end')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])) as SecretRow[];
    return rows.map(toSecret);
  }

  async rotateSecret(
    tenantId: string,
    endpointId: string,
    secret: StoredEndpointSecret,
    { now, previousExpireAt, maxLivePrevious }: RotationPlan,
  ): Promise<'rotated' | 'not_found' | 'too_many'> {
    return writeTransaction(this.db, async (trx) => {
      await this.lockEndpoint(trx, tenantId, endpointId);
      const exists = (await trx('endpoints')
        .where({ tenant_id: tenantId, id: endpointId })
        .select('id')
        .first()) as { id: string } | undefined;
      if (!exists) return 'not_found';
      const secrets = trx('endpoint_secrets').where({ tenant_id: tenantId, endpoint_id: endpointId });
      await secrets.clone().where('expires_at', '<=', now).delete();
      const live = await this.selectLiveSecrets(trx, tenantId, endpointId, now);
      // A previous secret never lives longer than it already would: a later, longer grace period
      // does not revive a secret the tenant chose to retire sooner.
      const stillLive = live.filter((s) => Math.min(s.expiresAt ?? Infinity, previousExpireAt) > now);
      if (stillLive.length > maxLivePrevious) return 'too_many';
      await secrets
        .clone()
        .andWhere((w) => {
          void w.whereNull('expires_at').orWhere('expires_at', '>', previousExpireAt);
        })
        .update({ expires_at: previousExpireAt });
      await trx('endpoint_secrets').insert(secretToRow(secret));
      // Dispatchers compare this with their cached copy, so the new secrets sign from the next send on.
      await trx('endpoints').where({ tenant_id: tenantId, id: endpointId }).update({ updated_at: now });
      return 'rotated';
    });
  }

  async health(tenantId: string, endpointId: string, since: number): Promise<EndpointHealthRecord> {
    const breaker = (await this.db('endpoint_breakers')
      .where({ tenant_id: tenantId, endpoint_id: endpointId })
      .select('state', 'opened_at', 'next_probe_at')
      .first()) as
      { state: string; opened_at: number | string | null; next_probe_at: number | string | null } | undefined;
    const recent = () =>
      this.db('attempts')
        .where({ tenant_id: tenantId, endpoint_id: endpointId })
        .andWhere('started_at', '>=', since);
    const totals = (await recent()
      .select(
        this.db.raw('count(*) as n'),
        this.db.raw(`sum(case when ${SUCCESS} then 1 else 0 end) as ok`),
        this.db.raw(`max(case when ${SUCCESS} then started_at end) as last_ok`),
      )
      .first()) as { n: number | string; ok: number | string | null; last_ok: number | string | null };
    const failure = (await recent()
      .whereRaw(`not (${SUCCESS})`)
      .orderBy('started_at', 'desc')
      .select('started_at', 'status_code', 'error_code', 'error_message')
      .first()) as
      | {
          started_at: number | string;
          status_code: number | null;
          error_code: string | null;
          error_message: string | null;
        }
      | undefined;
    return {
      breaker: breaker && {
        state: breaker.state,
        openedAt: msOrNull(breaker.opened_at),
        nextProbeAt: msOrNull(breaker.next_probe_at),
      },
      attempts: Number(totals.n),
      successes: Number(totals.ok ?? 0),
      lastSuccessAt: msOrNull(totals.last_ok),
      lastFailure: failure
        ? {
            at: Number(failure.started_at),
            statusCode: failure.status_code,
            errorCode: failure.error_code,
            errorMessage: failure.error_message,
          }
        : null,
    };
  }

  async insertRecoverJob(job: Job, endpointId: string): Promise<'inserted' | 'not_found' | 'disabled'> {
    return writeTransaction(this.db, async (trx) => {
      await this.lockEndpoint(trx, job.tenantId, endpointId);
      const row = (await trx('endpoints')
        .where({ tenant_id: job.tenantId, id: endpointId })
        .select('status')
        .first()) as { status: string } | undefined;
      if (!row) return 'not_found';
      if (row.status === 'disabled') return 'disabled';
      await trx('jobs').insert(jobRow(job));
      return 'inserted';
    });
  }
}
