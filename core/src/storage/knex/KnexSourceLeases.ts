import type { Database } from '../createDatabase.js';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';
import { toSource, type SourceRow } from './KnexSourceRepository.js';
import type { ClaimableSources, HeldLease, SourceLeases } from '../SourceLeases.js';
import type { StoredSource } from '../SourceRepository.js';

type LeaseJoinRow = SourceRow & { lease_worker: string | null; lease_expires: number | string | null };

/** {@link SourceLeases} in `source_leases`, with each worker's heartbeat in `source_workers`. */
export class KnexSourceLeases implements SourceLeases {
  constructor(private readonly deps: { db: Database; workerId: string; leaseMs: number }) {}

  get leaseMs(): number {
    return this.deps.leaseMs;
  }

  private get db() {
    return this.deps.db;
  }

  /**
   * Marks this worker alive until `now + leaseMs` in `source_workers`, so the others count it in the
   * fair share even while it holds no lease yet. Rows of workers dead for a while are removed.
   */
  async heartbeat(now: number): Promise<void> {
    const expiresAt = now + this.deps.leaseMs;
    const n = await this.db('source_workers')
      .where({ worker_id: this.deps.workerId })
      .update({ expires_at: expiresAt });
    if (n === 0) {
      try {
        await this.db('source_workers').insert({
          worker_id: this.deps.workerId,
          started_at: now,
          expires_at: expiresAt,
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    await this.db('source_workers')
      .where('expires_at', '<', now - 10 * this.deps.leaseMs)
      .delete();
  }

  /** Removes this worker's heartbeat, so the others stop counting it at once. */
  async leave(): Promise<void> {
    await this.db('source_workers').where({ worker_id: this.deps.workerId }).delete();
  }

  /**
   * Live (not paused) sources with no live lease, how many live (not paused) sources there are, and
   * how many workers are alive: a live heartbeat or a live lease (a worker of an older version that
   * does not beat), and this one.
   */
  async claimable(now: number): Promise<ClaimableSources> {
    const rows = await this.db('sources as s')
      .leftJoin('source_leases as l', 'l.source_id', 's.id')
      .whereNot('s.status', 'paused')
      .select<LeaseJoinRow[]>('s.*', 'l.worker_id as lease_worker', 'l.expires_at as lease_expires');
    const beating = await this.db('source_workers')
      .where('expires_at', '>', now)
      .select<{ worker_id: string }[]>('worker_id');
    const live = (r: LeaseJoinRow) => r.lease_expires !== null && Number(r.lease_expires) > now;
    const loads = new Map<string, number>([[this.deps.workerId, 0]]);
    for (const w of beating) loads.set(w.worker_id, loads.get(w.worker_id) ?? 0);
    for (const r of rows.filter(live)) loads.set(r.lease_worker!, (loads.get(r.lease_worker!) ?? 0) + 1);
    return {
      sources: rows.filter((r) => !live(r)).map((r) => toSource(r)),
      liveWorkers: loads.size,
      active: rows.length,
      loads,
    };
  }

  /** Takes the lease of an unleased or expired source; `undefined` when another worker got it first. */
  async claim(sourceId: string, now: number): Promise<HeldLease | undefined> {
    const expiresAt = now + this.deps.leaseMs;
    const current = (await this.db('source_leases').where({ source_id: sourceId }).first()) as
      { fencing_token: number | string; expires_at: number | string } | undefined;
    if (!current) {
      try {
        await this.db('source_leases').insert({
          source_id: sourceId,
          worker_id: this.deps.workerId,
          fencing_token: 1,
          acquired_at: now,
          expires_at: expiresAt,
        });
        return { sourceId, token: 1 };
      } catch (error) {
        if (isDuplicateKeyError(error)) return undefined;
        throw error;
      }
    }
    if (Number(current.expires_at) > now) return undefined;
    const token = Number(current.fencing_token) + 1;
    const n = await this.db('source_leases')
      .where({ source_id: sourceId, fencing_token: current.fencing_token })
      .andWhere('expires_at', '<=', now)
      .update({
        worker_id: this.deps.workerId,
        fencing_token: token,
        acquired_at: now,
        expires_at: expiresAt,
      });
    return n === 1 ? { sourceId, token } : undefined;
  }

  /** Extends a held lease; `false` when it was lost (expired and taken over, or the source deleted). */
  async renew(lease: HeldLease, now: number): Promise<boolean> {
    const n = await this.db('source_leases')
      .where({ source_id: lease.sourceId, worker_id: this.deps.workerId, fencing_token: lease.token })
      .update({ expires_at: now + this.deps.leaseMs });
    return n === 1;
  }

  /** Gives a lease back at once, so another worker may take the source without waiting for expiry. */
  async release(lease: HeldLease): Promise<void> {
    await this.db('source_leases')
      .where({ source_id: lease.sourceId, worker_id: this.deps.workerId, fencing_token: lease.token })
      .delete();
  }

  /** The current rows of the given sources (missing ones were deleted). */
  async sources(ids: readonly string[]): Promise<Map<string, StoredSource>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.db('sources').whereIn('id', ids)) as SourceRow[];
    return new Map(rows.map((r) => [r.id, toSource(r)]));
  }

  /** Records the consumer's latest error (`null` clears it) without touching `updated_at` or `version`. */
  async setLastError(sourceId: string, error: { code: string; message: string; at: number } | null) {
    const text = error && JSON.stringify({ ...error, message: error.message.slice(0, 800) });
    await this.db('sources').where({ id: sourceId }).update({ last_error: text });
  }
}
