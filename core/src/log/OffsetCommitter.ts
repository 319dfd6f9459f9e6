import type { Logger } from '../observability/index.js';
import type { PartitionFeed } from './PartitionFeed.js';

/** One partition's new commit point. */
export interface OffsetCommit {
  partition: number;
  /** The next offset the group should consume. */
  offset: bigint;
}

/**
 * Commits the feeds' progress: one commit at a time, each taking every partition that moved since the
 * previous one, so a burst of `done()` calls becomes a few commits. A failed commit is retried a second
 * later; progress that is never committed is delivered again (at least once).
 */
export class OffsetCommitter {
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly feeds: () => Iterable<PartitionFeed>,
    private readonly commit: (commits: readonly OffsetCommit[]) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Asks for a commit soon; calls in the same tick share one. */
  request(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  /** Commits everything done so far; resolves when that commit finished (or failed and was logged). */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = undefined;
      return this.commitOnce();
    });
    this.queued = run;
    this.tail = run;
    return run;
  }

  /** No more automatic commits or retries; `flush()` still works. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /**
   * The end of a subscription whose feeds were stopped: waits up to `graceMs` for the records in hand
   * to finish, commits what finished, and stops committing. The caller closes the feeds afterwards.
   */
  async drain(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...this.feeds()].map((f) => f.whenIdle())),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    await this.flush();
    this.stop();
  }

  private async commitOnce(): Promise<void> {
    const pending: { feed: PartitionFeed; offset: bigint }[] = [];
    for (const feed of this.feeds()) {
      const offset = feed.pendingCommit();
      if (offset !== undefined) pending.push({ feed, offset });
    }
    if (pending.length === 0) return;
    try {
      await this.commit(pending.map(({ feed, offset }) => ({ partition: feed.partition, offset })));
      for (const { feed, offset } of pending) feed.markCommitted(offset);
    } catch (error) {
      this.logger.warn({ err: error }, 'committing internal log offsets failed; retrying');
      if (!this.stopped) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.request(), 1000);
      }
    }
  }
}
