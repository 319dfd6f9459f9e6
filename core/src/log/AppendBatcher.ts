import { LogUnavailableError } from '../errors/index.js';
import type { AppendRecord, LogTopic } from './InternalLog.js';
import { partitionForKey } from './sql/partitionForKey.js';

/** How concurrent appends are coalesced into writes. */
export interface AppendBatchingOptions {
  /** How long the first record of an idle topic waits for company before it is written. Default 2 ms. */
  lingerMs?: number;
  /** Records per write. Default 500. */
  maxBatchRecords?: number;
  /** Bytes (keys, values, headers) per write; a single larger record is written alone. Default 1 MiB. */
  maxBatchBytes?: number;
  /**
   * Writes of one topic that may be in flight at once (each adapter has its default). Records are
   * spread over this many lanes by key; a lane has one write in flight at a time, so one key's records
   * keep their order.
   */
  inFlightWrites?: number;
}

/** Writes a batch of records; `lane` says which lane (0 ≤ lane < lanes) the batch came from. */
export type BatchWriter = (topic: LogTopic, records: readonly AppendRecord[], lane: number) => Promise<void>;

/** The lane of a record: the same key must always get the same lane. */
export type LaneOf = (topic: LogTopic, key: string, lanes: number) => number;

/** Longest record key: what `log_records.record_key` holds; both adapters enforce it alike. */
export const MAX_KEY_LENGTH = 128;

interface Waiter {
  remaining: number;
  /** The number of the last write that took one of this caller's chunks (0: none yet). */
  servedBy: number;
  failed: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

interface Chunk {
  records: AppendRecord[];
  bytes: number;
  keys: Set<string>;
  waiter: Waiter;
}

interface TopicQueue {
  topic: LogTopic;
  lane: number;
  chunks: Chunk[];
  timer: NodeJS.Timeout | undefined;
  draining: Promise<void> | undefined;
}

/**
 * Coalesces concurrent `append` calls into few writes. Each topic has `inFlightWrites` lanes, and a
 * key always goes to the same lane (`laneOf`). Writes of one lane never overlap and take records in call
 * order, so records of one key keep their order across calls; while a lane's write is in flight its next
 * batch accumulates (the busier the log, the larger the batches), and the other lanes write meanwhile.
 * A caller resolves when every write holding its records succeeded and is rejected with the first
 * failure.
 */
export class AppendBatcher {
  private readonly queues = new Map<string, TopicQueue>();
  private readonly lingerMs: number;
  private readonly maxRecords: number;
  private readonly maxBytes: number;
  private readonly lanes: number;
  private writes = 0;
  private closed = false;

  constructor(
    private readonly write: BatchWriter,
    options: AppendBatchingOptions = {},
    private readonly laneOf: LaneOf = (_topic, key, lanes) => partitionForKey(key, lanes),
  ) {
    this.lingerMs = options.lingerMs ?? 2;
    this.maxRecords = options.maxBatchRecords ?? 500;
    this.maxBytes = options.maxBatchBytes ?? 1024 * 1024;
    this.lanes = options.inFlightWrites ?? 1;
    if (!Number.isInteger(this.lanes) || this.lanes < 1) {
      throw new RangeError(`inFlightWrites must be a positive integer, got ${this.lanes}`);
    }
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
      const waiter: Waiter = { remaining: 0, servedBy: 0, failed: false, resolve, reject };
      const open = new Map<number, Chunk>();
      const touched = new Set<TopicQueue>();
      for (const record of records) {
        const lane = this.lanes === 1 ? 0 : this.laneOf(topic, record.key, this.lanes);
        const queue = this.queue(topic, lane);
        const size = recordBytes(record);
        let chunk = open.get(lane);
        if (chunk && !this.fits(chunk, size)) {
          queue.chunks.push(chunk);
          waiter.remaining++;
          chunk = undefined;
        }
        if (!chunk) {
          chunk = { records: [], bytes: 0, keys: new Set(), waiter };
          open.set(lane, chunk);
        }
        chunk.records.push(record);
        chunk.bytes += size;
        chunk.keys.add(record.key);
        touched.add(queue);
      }
      for (const [lane, chunk] of open) {
        this.queue(topic, lane).chunks.push(chunk);
        waiter.remaining++;
      }
      for (const queue of touched) this.schedule(queue);
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

  private queue(topic: LogTopic, lane: number): TopicQueue {
    const name = `${topic}/${lane}`;
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { topic, lane, chunks: [], timer: undefined, draining: undefined };
      this.queues.set(name, queue);
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

  /**
   * Takes the chunks of the next write out of `queue`. Callers take turns: the chunks of callers whose
   * last write is oldest go first, so a small append is not queued behind all of another caller's large
   * one (one tenant's 16 MiB batch is many writes). A chunk is taken only with every earlier chunk that
   * shares a key with it, and the write keeps call order, so each key's records keep their order.
   */
  private nextWrite(queue: TopicQueue): Chunk[] {
    // For each chunk, the nearest earlier chunk holding each of its keys: those must be written first.
    const before = new Map<Chunk, Chunk[]>();
    const lastWithKey = new Map<string, Chunk>();
    for (const chunk of queue.chunks) {
      const earlier = new Set<Chunk>();
      for (const key of chunk.keys) {
        const last = lastWithKey.get(key);
        if (last) earlier.add(last);
        lastWithKey.set(key, chunk);
      }
      before.set(chunk, [...earlier]);
    }
    // Stable: among callers served alike, call order.
    const byTurn = [...queue.chunks].sort((a, b) => a.waiter.servedBy - b.waiter.servedBy);
    const chosen = new Set<Chunk>();
    let records = 0;
    let bytes = 0;
    for (const chunk of byTurn) {
      if (!before.get(chunk)!.every((c) => chosen.has(c))) continue;
      const fits = records + chunk.records.length <= this.maxRecords && bytes + chunk.bytes <= this.maxBytes;
      if (chosen.size > 0 && !fits) continue;
      chosen.add(chunk);
      records += chunk.records.length;
      bytes += chunk.bytes;
    }
    this.writes++;
    const taken = queue.chunks.filter((c) => chosen.has(c));
    for (const chunk of taken) chunk.waiter.servedBy = this.writes;
    queue.chunks = queue.chunks.filter((c) => !chosen.has(c));
    return taken;
  }

  private drain(queue: TopicQueue): Promise<void> {
    queue.draining = (async () => {
      while (queue.chunks.length > 0) {
        const taken = this.nextWrite(queue);
        try {
          await this.write(
            queue.topic,
            taken.flatMap((c) => c.records),
            queue.lane,
          );
          for (const { waiter } of taken) if (--waiter.remaining === 0 && !waiter.failed) waiter.resolve();
        } catch (error) {
          for (const { waiter } of taken) {
            if (waiter.failed) continue;
            waiter.failed = true;
            waiter.reject(error);
          }
          // A failed caller's other chunks are not written: it retries the whole call.
          for (const other of this.queues.values()) {
            other.chunks = other.chunks.filter((c) => !c.waiter.failed);
          }
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
