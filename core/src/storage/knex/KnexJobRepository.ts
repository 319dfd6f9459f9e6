import type { Job, JobStatus, JobType } from '../../domain/job.js';
import type { Database } from '../createDatabase.js';
import type { JobRepository, RunnableJob } from '../JobRepository.js';
import { msOrNull } from './columns.js';

interface JobRow {
  id: string;
  tenant_id: string;
  kind: JobType;
  params: string;
  status: JobStatus;
  total: number | null;
  processed: number;
  cursor: string | null;
  error: string | null;
  created_at: number | string;
  updated_at: number | string;
  finished_at: number | string | null;
}

function toJob(r: JobRow): RunnableJob & { finishedAt: number | null } {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    type: r.kind,
    params: JSON.parse(r.params) as Record<string, unknown>,
    status: r.status,
    total: r.total,
    processed: r.processed,
    error: r.error === null ? null : (JSON.parse(r.error) as Job['error']),
    cursor: r.cursor,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    finishedAt: msOrNull(r.finished_at),
  };
}

/** The `jobs` row of a new job. */
export function jobRow(job: Job) {
  return {
    id: job.id,
    tenant_id: job.tenantId,
    kind: job.type,
    params: JSON.stringify(job.params),
    status: job.status,
    total: job.total,
    processed: job.processed,
    cursor: null,
    error: job.error === null ? null : JSON.stringify(job.error),
    created_at: job.createdAt,
    updated_at: job.updatedAt,
  };
}

/** {@link JobRepository} through knex. */
export class KnexJobRepository implements JobRepository {
  constructor(private readonly deps: { db: Database }) {}

  async insert(job: Job): Promise<void> {
    await this.deps.db('jobs').insert(jobRow(job));
  }

  async get(tenantId: string, id: string) {
    const row = (await this.deps.db('jobs').where({ tenant_id: tenantId, id }).first()) as JobRow | undefined;
    return row && toJob(row);
  }

  async claimNext(now: number, staleBefore: number) {
    // Optimistic claim: the conditional update succeeds for exactly one runner per job.
    for (let tries = 0; tries < 5; tries++) {
      const candidate = (await this.deps
        .db('jobs')
        .where((w) => {
          void w.where('status', 'queued').orWhere((x) => {
            void x.where('status', 'running').andWhere('updated_at', '<', staleBefore);
          });
        })
        .orderBy('created_at', 'asc')
        .first()) as JobRow | undefined;
      if (!candidate) return undefined;
      const taken = await this.deps
        .db('jobs')
        .where({ id: candidate.id, status: candidate.status, updated_at: candidate.updated_at })
        .update({ status: 'running', updated_at: now });
      if (taken) return toJob({ ...candidate, status: 'running', updated_at: now });
    }
    return undefined;
  }

  async progress(
    id: string,
    c: { processed: number; total?: number | null; cursor: string | null; now: number },
  ) {
    await this.deps
      .db('jobs')
      .where({ id })
      .update({
        processed: c.processed,
        cursor: c.cursor,
        updated_at: c.now,
        ...(c.total !== undefined ? { total: c.total } : {}),
      });
  }

  async finish(id: string, status: 'succeeded' | 'failed', error: Job['error'], now: number) {
    await this.deps
      .db('jobs')
      .where({ id })
      .update({
        status,
        error: error === null ? null : JSON.stringify(error),
        updated_at: now,
        finished_at: now,
      });
  }
}
