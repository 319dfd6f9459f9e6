/** Reads which of `ids` exist for `tenantId`, with when each was created (`EventRepository.createdAtOf`). */
export type ExistingIdsRead = (tenantId: string, ids: readonly string[]) => Promise<Map<string, number>>;

interface Waiter {
  ids: readonly string[];
  resolve(found: Map<string, number>): void;
  reject(error: unknown): void;
}

interface TenantQueue {
  waiting: Waiter[];
}

/**
 * Coalesces the ingest path's duplicate checks: per tenant at most one read is in flight, and the checks
 * that arrive meanwhile are answered together by the next one (one `WHERE id IN (…)` instead of one query
 * per request). An idle tenant's check is issued at once, so nothing waits for company; the busier the
 * API, the fewer queries per event. Each caller gets only its own ids back, and a failed read fails
 * exactly the callers it was answering.
 */
export class ExistingIdsBatcher {
  private readonly queues = new Map<string, TenantQueue>();

  constructor(
    private readonly read: ExistingIdsRead,
    /** Ids per read; a single caller with more is read alone. */
    private readonly maxIds = 1_000,
  ) {}

  /** Which of `ids` exist for `tenantId`, each with its creation time. */
  existingIds(tenantId: string, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return Promise.resolve(new Map<string, number>());
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(tenantId);
      if (queue) {
        queue.waiting.push({ ids, resolve, reject });
        return;
      }
      const fresh: TenantQueue = { waiting: [{ ids, resolve, reject }] };
      this.queues.set(tenantId, fresh);
      void this.drain(tenantId, fresh);
    });
  }

  private async drain(tenantId: string, queue: TenantQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch: Waiter[] = [];
      let count = 0;
      while (queue.waiting.length > 0) {
        const next = queue.waiting[0]!;
        if (batch.length > 0 && count + next.ids.length > this.maxIds) break;
        batch.push(queue.waiting.shift()!);
        count += next.ids.length;
      }
      try {
        const found = await this.read(tenantId, [...new Set(batch.flatMap((w) => w.ids))]);
        for (const waiter of batch) {
          waiter.resolve(new Map(waiter.ids.flatMap((id) => (found.has(id) ? [[id, found.get(id)!]] : []))));
        }
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.queues.delete(tenantId);
  }
}
