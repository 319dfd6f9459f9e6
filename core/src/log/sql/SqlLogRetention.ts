import type { Clock } from '../../domain/Clock.js';
import type { Logger } from '../../observability/index.js';
import type { Database } from '../../storage/index.js';
import { LOG_TOPICS } from '../InternalLog.js';

export interface SqlLogRetentionOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Records younger than this are kept even when every group is past them. */
  retentionMs: number;
  /** Pause between two sweeps. */
  intervalMs: number;
  /** Rows one delete statement removes at most. */
  batchRows: number;
}

interface Floor {
  topic: string;
  partition: number | string;
  floor: number | string | null;
}

/**
 * Keeps `log_records` from growing without bound: every `intervalMs` it deletes, per partition, the
 * records that every consumer group of the topic has committed past and that are older than
 * `retentionMs`. A partition no group has rows for keeps everything (records appended before the first
 * router or dispatcher ever ran must still be processed), and so does a partition behind a group that
 * no longer consumes. Deletes run in small batches of a prefix of the partition (records are deleted
 * only from the start, so offsets above the first one are contiguous), never on the append or fetch
 * path, so they hold the database's write lock only briefly. Several processes may sweep the same
 * database: deleting is idempotent.
 */
export class SqlLogRetention {
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: SqlLogRetentionOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  /** One pass over every partition; resolves with how many records it deleted. */
  async sweep(): Promise<number> {
    const { db, clock, retentionMs } = this.options;
    const cutoff = clock.now() - retentionMs;
    const floors = await db('log_offsets')
      .whereIn('topic', LOG_TOPICS)
      .groupBy('topic', 'partition')
      .select('topic', 'partition')
      .min<Floor[]>({ floor: 'committed_offset' });
    let deleted = 0;
    for (const { topic, partition, floor } of floors) {
      if (floor === null) continue;
      deleted += await this.trim(topic, Number(partition), Number(floor), cutoff);
    }
    return deleted;
  }

  /** Deletes the partition's records below `floor` appended before `cutoff`, a batch at a time. */
  private async trim(topic: string, partition: number, floor: number, cutoff: number): Promise<number> {
    const { db, batchRows } = this.options;
    let deleted = 0;
    while (!this.stopped) {
      const row = (await db('log_records').where({ topic, partition }).min({ first: 'offset' }).first()) as
        { first: number | string | null } | undefined;
      if (row?.first == null) break;
      const first = Number(row.first);
      const upTo = Math.min(floor, first + batchRows);
      if (upTo <= first) break;
      const removed = await db('log_records')
        .where({ topic, partition })
        .andWhere('offset', '<', upTo)
        .andWhere('appended_at', '<', cutoff)
        .delete();
      deleted += removed;
      // Fewer than the whole range: the rest of the partition is younger than the retention.
      if (removed < upTo - first) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return deleted;
  }

  /** Waits between sweeps without keeping the process alive: retention is housekeeping. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      this.timer.unref();
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      await this.sleep(this.options.intervalMs);
      if (this.stopped) return;
      try {
        const deleted = await this.sweep();
        if (deleted > 0) this.options.logger.debug({ deleted }, 'deleted consumed SQL log records');
      } catch (error) {
        this.options.logger.warn({ err: error }, 'deleting consumed SQL log records failed; retrying later');
      }
    }
  }
}
