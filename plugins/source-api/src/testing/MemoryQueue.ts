import { randomUUID } from 'node:crypto';

/** A message handed out by {@link MemoryQueue.receive}, leased until acked, nacked or its deadline passes. */
export interface MemoryLease {
  /** Names this lease; acks and nacks with a stale receipt are ignored, like a broker's ack id. */
  readonly receipt: string;
  readonly id: string;
  readonly body: Uint8Array;
  readonly attributes: Readonly<Record<string, string>>;
  readonly publishTime: Date;
  /** 1 the first time the message is handed out. */
  readonly deliveryAttempt: number;
}

export interface MemoryQueueOptions {
  /** How long a received message stays leased unless extended (default 10 s). */
  ackDeadlineMs?: number;
}

interface Entry {
  id: string;
  body: Uint8Array;
  attributes: Readonly<Record<string, string>>;
  publishTime: Date;
  attempts: number;
}

interface Lease {
  entry: Entry;
  timer: NodeJS.Timeout;
}

/**
 * A tiny in-process broker with the semantics plugins deal with in real ones: leases with an ack
 * deadline that can be extended, ack, nack with an optional delay, and redelivery of a message whose
 * lease expired, with the same id. For unit tests of hosts and of the conformance kit; not durable.
 * Queues are registered by name so a source config (plain JSON) can point at one.
 */
export class MemoryQueue {
  private static readonly registry = new Map<string, MemoryQueue>();

  /** Creates (or replaces) the queue registered under `name`. */
  static create(name: string, options: MemoryQueueOptions = {}): MemoryQueue {
    const queue = new MemoryQueue(options);
    MemoryQueue.registry.set(name, queue);
    return queue;
  }

  /** The queue registered under `name`, if any. */
  static find(name: string): MemoryQueue | undefined {
    return MemoryQueue.registry.get(name);
  }

  /** Unregisters `name` and drops its messages. */
  static delete(name: string): void {
    MemoryQueue.registry.get(name)?.clear();
    MemoryQueue.registry.delete(name);
  }

  readonly ackDeadlineMs: number;
  private readonly ready: Entry[] = [];
  private readonly leases = new Map<string, Lease>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private readonly waiters = new Set<() => void>();

  constructor(options: MemoryQueueOptions = {}) {
    this.ackDeadlineMs = options.ackDeadlineMs ?? 10_000;
  }

  /** Messages not acknowledged yet: waiting, leased or delayed. */
  get depth(): number {
    return this.ready.length + this.leases.size + this.delayed.size;
  }

  /** Appends messages; answers their ids, in order. */
  publish(
    messages: readonly { body: Uint8Array; attributes?: Readonly<Record<string, string>> }[],
  ): string[] {
    const ids = messages.map((message) => {
      const entry: Entry = {
        id: randomUUID(),
        body: Uint8Array.from(message.body),
        attributes: { ...message.attributes },
        publishTime: new Date(),
        attempts: 0,
      };
      this.ready.push(entry);
      return entry.id;
    });
    this.wake();
    return ids;
  }

  /**
   * Leases up to `max` messages, waiting up to `waitMs` (long poll) for the first one. Resolves
   * with none when `signal` aborts; an aborted receive never takes messages.
   */
  async receive(
    max: number,
    options: { waitMs?: number; signal?: AbortSignal } = {},
  ): Promise<MemoryLease[]> {
    const { waitMs = 1000, signal } = options;
    if (this.ready.length === 0 && waitMs > 0 && !signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        signal?.addEventListener('abort', done, { once: true });
        this.waiters.add(done);
      });
    }
    if (signal?.aborted) return [];
    return this.ready.splice(0, max).map((entry) => this.lease(entry));
  }

  /** Removes the message for good. */
  ack(receipt: string): void {
    const lease = this.leases.get(receipt);
    if (!lease) return;
    clearTimeout(lease.timer);
    this.leases.delete(receipt);
  }

  /** Gives the message back: available again at once, or after `delayMs`. */
  nack(receipt: string, delayMs = 0): void {
    const lease = this.leases.get(receipt);
    if (!lease) return;
    clearTimeout(lease.timer);
    this.leases.delete(receipt);
    this.requeue(lease.entry, delayMs);
  }

  /** Pushes the lease's deadline to `ackDeadlineMs` from now. */
  extend(receipt: string): void {
    const lease = this.leases.get(receipt);
    if (!lease) return;
    clearTimeout(lease.timer);
    lease.timer = this.expiry(receipt, lease.entry);
  }

  private lease(entry: Entry): MemoryLease {
    entry.attempts += 1;
    const receipt = randomUUID();
    this.leases.set(receipt, { entry, timer: this.expiry(receipt, entry) });
    return {
      receipt,
      id: entry.id,
      body: entry.body,
      attributes: entry.attributes,
      publishTime: entry.publishTime,
      deliveryAttempt: entry.attempts,
    };
  }

  private expiry(receipt: string, entry: Entry): NodeJS.Timeout {
    return setTimeout(() => {
      this.leases.delete(receipt);
      this.requeue(entry, 0);
    }, this.ackDeadlineMs).unref();
  }

  private requeue(entry: Entry, delayMs: number): void {
    if (delayMs <= 0) {
      this.ready.push(entry);
      this.wake();
      return;
    }
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      this.requeue(entry, 0);
    }, delayMs).unref();
    this.delayed.add(timer);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private clear(): void {
    for (const lease of this.leases.values()) clearTimeout(lease.timer);
    for (const timer of this.delayed) clearTimeout(timer);
    this.leases.clear();
    this.delayed.clear();
    this.ready.length = 0;
    this.wake();
  }
}
