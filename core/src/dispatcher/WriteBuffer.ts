import type { Logger } from '../observability/index.js';

export interface WriteBufferOptions<W> {
  /** Writes one batch in one transaction; must be idempotent, since a failed batch is written again. */
  write(batch: readonly W[]): Promise<void>;
  logger: Logger;
  /** How long an entry may wait for companions before its batch is written (default 50 ms). */
  flushIntervalMs?: number;
  /** Entries per batch; a full batch is written at once (default 100). */
  maxBatch?: number;
  /**
   * Batches written at the same time (default 1). On a server database the commit's round trips, not
   * the rows, bound a batch; a few batches in flight keep up with many more requests.
   */
  maxConcurrentWrites?: number;
  /** First wait after a failed write; doubles up to 5 s (default 100 ms). */
  retryBackoffMs?: number;
}

interface Entry<W> {
  value: W;
  onWritten(): void;
}

/**
 * Collects the dispatcher's writes and stores them in batches: one transaction per batch instead of one
 * per attempt. `onWritten` runs only after the batch committed, which is when the log record may be
 * marked done: a crash before that re-sends the delivery (allowed) but never loses an attempt record.
 * A failed batch is retried until it is written or the buffer is closed.
 */
export class WriteBuffer<W> {
  #pending: Entry<W>[] = [];
  #active = 0;
  #timer: NodeJS.Timeout | undefined;
  #idleWaiters: (() => void)[] = [];
  #closed = false;
  #abandoned = false;
  readonly #interval: number;
  readonly #maxBatch: number;
  readonly #maxConcurrent: number;
  readonly #backoff: number;

  constructor(private readonly options: WriteBufferOptions<W>) {
    this.#interval = options.flushIntervalMs ?? 50;
    this.#maxBatch = options.maxBatch ?? 100;
    this.#maxConcurrent = options.maxConcurrentWrites ?? 1;
    this.#backoff = options.retryBackoffMs ?? 100;
  }

  /** Entries not written yet (waiting or being written). */
  get size(): number {
    return this.#pending.length;
  }

  /** Queues a write. After `close()` it is ignored: its record stays unfinished and comes again. */
  add(value: W, onWritten: () => void): void {
    if (this.#closed) return;
    this.#pending.push({ value, onWritten });
    if (this.#pending.length >= this.#maxBatch) this.#kick();
    else this.#timer ??= setTimeout(() => this.#kick(), this.#interval);
  }

  /** Writes everything added so far. */
  async flush(): Promise<void> {
    while ((this.#pending.length > 0 && !this.#abandoned) || this.#active > 0) {
      this.#kick();
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    }
  }

  /**
   * Takes no more writes, writes what it has (retrying for up to `graceMs`) and stops. Entries still
   * unwritten then are dropped: their records were never marked done.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.#closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.flush(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    this.#abandoned = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#notify();
  }

  #kick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#active < this.#maxConcurrent && this.#pending.length > 0 && !this.#abandoned) {
      const batch = this.#pending.splice(0, this.#maxBatch);
      this.#active++;
      void this.#write(batch).finally(() => {
        this.#active--;
        if (this.#pending.length >= this.#maxBatch) this.#kick();
        else if (this.#pending.length > 0 && !this.#abandoned) {
          this.#timer ??= setTimeout(() => this.#kick(), this.#interval);
        }
        this.#notify();
      });
    }
  }

  async #write(batch: Entry<W>[]): Promise<void> {
    let backoff = this.#backoff;
    for (;;) {
      try {
        await this.options.write(batch.map((e) => e.value));
        break;
      } catch (error) {
        this.options.logger.error(
          { err: error, rows: batch.length },
          'writing delivery outcomes failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 5_000);
        if (this.#abandoned) return;
      }
    }
    for (const entry of batch) entry.onWritten();
  }

  #notify(): void {
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
