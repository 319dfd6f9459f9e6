import { LogUnavailableError } from '../errors/index.js';
import type { AppendRecord, LogTopic } from './InternalLog.js';

/** How concurrent appends are coalesced into writes. */
export interface AppendBatchingOptions {
  /** How long the first record of an idle topic waits for company before it is written. Default 2 ms. */
  lingerMs?: number;
  /** Records per write. Default 500. */
  maxBatchRecords?: number;
  /** Bytes (keys, values, headers) per write; a single larger record is written alone. Default 1 MiB. */
  maxBatchBytes?: number;
}

/** Longest record key: what `log_records.record_key` holds; both adapters enforce it alike. */
export const MAX_KEY_LENGTH = 128;

interface Waiter {
  remaining: number;
  failed: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

interface Chunk {
  records: AppendRecord[];
  bytes: number;
  waiter: Waiter;
}

interface TopicQueue {
  topic: LogTopic;
  chunks: Chunk[];
  timer: NodeJS.Timeout | undefined;
  draining: Promise<void> | undefined;
}

/**
 * Coalesces concurrent `append` calls into few writes. Writes of one topic never overlap and take
 * records in call order, so records of one key keep their order across calls; while a write is in
 * flight the next batch accumulates (the busier the log, the larger the batches). A caller resolves when
 * every write holding its records succeeded and is rejected with the first failure.
 */
export class AppendBatcher {
  private readonly queues = new Map<LogTopic, TopicQueue>();
  private readonly lingerMs: number;
  private readonly maxRecords: number;
  private readonly maxBytes: number;
  private closed = false;

  constructor(
    private readonly write: (topic: LogTopic, records: readonly AppendRecord[]) => Promise<void>,
    options: AppendBatchingOptions = {},
  ) {
    this.lingerMs = options.lingerMs ?? 2;
    this.maxRecords = options.maxBatchRecords ?? 500;
    this.maxBytes = options.maxBatchBytes ?? 1024 * 1024;
  }

  append(topic: LogTopic, records: readonly AppendRecord[]): Promise<void> {
    const long = records.find((r) => r.key.length > MAX_KEY_LENGTH);
    if (long)
      return Promise.reject(
        new RangeError(`Log record key longer than ${MAX_KEY_LENGTH} characters: ${long.key}`),
      );
    if (this.closed) return Promise.reject(new LogUnavailableError('The internal log is closed.'));
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { remaining: 0, failed: false, resolve, reject };
      const queue = this.queue(topic);
      let chunk: Chunk = { records: [], bytes: 0, waiter };
      for (const record of records) {
        const size = recordBytes(record);
        if (chunk.records.length > 0 && !this.fits(chunk, size)) {
          queue.chunks.push(chunk);
          waiter.remaining++;
          chunk = { records: [], bytes: 0, waiter };
        }
        chunk.records.push(record);
        chunk.bytes += size;
      }
      queue.chunks.push(chunk);
      waiter.remaining++;
      this.schedule(queue);
    });
  }

  /** Rejects later appends, writes everything already accepted and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    for (const queue of this.queues.values()) {
      clearTimeout(queue.timer);
      queue.timer = undefined;
      while (queue.draining || queue.chunks.length > 0) await (queue.draining ?? this.drain(queue));
    }
  }

  private queue(topic: LogTopic): TopicQueue {
    let queue = this.queues.get(topic);
    if (!queue) {
      queue = { topic, chunks: [], timer: undefined, draining: undefined };
      this.queues.set(topic, queue);
    }
    return queue;
  }

  private fits(batch: { records: readonly unknown[]; bytes: number }, size: number): boolean {
    return batch.records.length < this.maxRecords && batch.bytes + size <= this.maxBytes;
  }

  private schedule(queue: TopicQueue): void {
    if (queue.draining) return; // the running drain picks the new chunk up when its write completes
    const full = queue.chunks.reduce((n, c) => n + c.records.length, 0) >= this.maxRecords;
    if (full || this.lingerMs <= 0 || this.closed) {
      clearTimeout(queue.timer);
      queue.timer = undefined;
      void this.drain(queue);
    } else {
      queue.timer ??= setTimeout(() => {
        queue.timer = undefined;
        void this.drain(queue);
      }, this.lingerMs);
    }
  }

  private drain(queue: TopicQueue): Promise<void> {
    queue.draining = (async () => {
      while (queue.chunks.length > 0) {
        const taken: Chunk[] = [queue.chunks.shift()!];
        const batch = { records: [...taken[0]!.records], bytes: taken[0]!.bytes };
        while (queue.chunks[0] && batch.records.length + queue.chunks[0].records.length <= this.maxRecords) {
          const next = queue.chunks[0];
          if (batch.bytes + next.bytes > this.maxBytes) break;
          queue.chunks.shift();
          taken.push(next);
          batch.records.push(...next.records);
          batch.bytes += next.bytes;
        }
        try {
          await this.write(queue.topic, batch.records);
          for (const { waiter } of taken) if (--waiter.remaining === 0 && !waiter.failed) waiter.resolve();
        } catch (error) {
          for (const { waiter } of taken) {
            if (waiter.failed) continue;
            waiter.failed = true;
            waiter.reject(error);
          }
          // A failed caller's other chunks are not written: it retries the whole call.
          queue.chunks = queue.chunks.filter((c) => !c.waiter.failed);
        }
      }
    })().finally(() => {
      queue.draining = undefined;
      // Callers resumed by the last write may have appended before this ran.
      if (queue.chunks.length > 0) this.schedule(queue);
    });
    return queue.draining;
  }
}

function recordBytes(record: AppendRecord): number {
  let size = Buffer.byteLength(record.key) + record.value.length;
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return size;
}
