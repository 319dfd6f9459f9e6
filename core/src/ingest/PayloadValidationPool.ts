import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PayloadError } from '../domain/payloadSchema.js';
import type { ValidationReply, ValidationRequest } from './payloadValidationWorker.js';

export interface PayloadValidationPoolOptions {
  /** Worker threads (default: the cores but one, 1 to 4). */
  workers?: number;
  /** Longest one payload's check may take; the worker running it is then replaced (default 2 s). */
  timeoutMs?: number;
}

/** What became of one check. */
export type PayloadCheck =
  | { kind: 'checked'; errors: PayloadError[] }
  /** It ran past `timeoutMs`: its worker was stopped. */
  | { kind: 'timed-out' }
  /** Another check of its group ran out of time first, so it was not run. */
  | { kind: 'cancelled' };

export interface PayloadCheckJob {
  /** Whose check it is: waiting checks are served one tenant after another. */
  tenantId?: string;
  /** One version of one event type's schema (the tenant, the name and its `updatedAt`). */
  key: string;
  schema: Record<string, unknown>;
  /** The payload's exact text. */
  payloadText: string;
  /**
   * The checks of one request: when one of them times out the others are not run (the request fails
   * anyway), so one request never holds the pool for longer than one timeout per worker.
   */
  group?: AbortController;
}

interface Pending {
  id: number;
  job: PayloadCheckJob;
  resolve: (check: PayloadCheck) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Schema keys this worker has compiled. */
  known: Set<string>;
  /** It has loaded its code: the time limit counts from here, never a cold start. */
  ready: boolean;
  running: (Pending & { timer: NodeJS.Timeout }) | undefined;
}

/**
 * Checks large payloads against tenants' JSON Schemas in worker threads, so a check that is expensive
 * but legal (a big payload against a 64 KiB schema) never holds the event loop that answers other
 * tenants' requests and `/healthz`. Each check is bounded by `timeoutMs`: past it the worker is
 * terminated (JavaScript cannot be interrupted otherwise) and a fresh one takes its place. Workers start
 * on first use and never keep the process alive.
 */
export class PayloadValidationPool {
  readonly timeoutMs: number;
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #queue = new TenantLines();
  #nextId = 0;
  #closed = false;

  constructor(options: PayloadValidationPoolOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.#size = options.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  }

  check(job: PayloadCheckJob): Promise<PayloadCheck> {
    if (this.#closed) return Promise.reject(new Error('the payload validation pool is closed'));
    if (job.group?.signal.aborted) return Promise.resolve({ kind: 'cancelled' });
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, resolve, reject });
      this.#pump();
    });
  }

  /** Stops every worker; checks still queued or running are answered `cancelled`. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const pending of this.#queue.drain()) pending.resolve({ kind: 'cancelled' });
    await Promise.all(
      this.#slots.splice(0).map((slot) => {
        if (slot.running) {
          clearTimeout(slot.running.timer);
          slot.running.resolve({ kind: 'cancelled' });
        }
        return slot.worker.terminate();
      }),
    );
  }

  #pump(): void {
    this.#dispatch();
    // A worker keeps the process alive only while it has work or is starting for queued work.
    for (const slot of this.#slots) {
      if (slot.running || (!slot.ready && this.#queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#idleSlot();
      if (!slot) return;
      const pending = this.#queue.shift()!;
      if (pending.job.group?.signal.aborted) {
        pending.resolve({ kind: 'cancelled' });
        continue;
      }
      const { key, schema, payloadText } = pending.job;
      const request: ValidationRequest = { id: pending.id, key, payloadText };
      if (!slot.known.has(key)) request.schema = JSON.stringify(schema);
      slot.known.add(key);
      const timer = setTimeout(() => this.#timedOut(slot), this.timeoutMs);
      slot.running = { ...pending, timer };
      slot.worker.postMessage(request);
    }
  }

  #idleSlot(): Slot | undefined {
    const idle = this.#slots.find((s) => s.ready && s.running === undefined);
    if (idle) return idle;
    const starting = this.#slots.some((s) => !s.ready);
    if (!starting && this.#slots.length < this.#size) this.#slots.push(this.#spawn());
    return undefined;
  }

  #spawn(): Slot {
    // `.js` in both layouts: tsx maps it to the TypeScript source when running from `src/`.
    const worker = new Worker(new URL('./payloadValidationWorker.js', import.meta.url));
    const slot: Slot = { worker, known: new Set(), ready: false, running: undefined };
    worker.on('message', (reply: ValidationReply | 'ready') => {
      if (reply === 'ready') {
        slot.ready = true;
        this.#pump();
        return;
      }
      const running = slot.running;
      if (!running || running.id !== reply.id) return;
      clearTimeout(running.timer);
      slot.running = undefined;
      if ('errors' in reply) running.resolve({ kind: 'checked', errors: reply.errors });
      else {
        // Both schema and payload were checked before they got here: this is a bug, not the tenant's.
        running.resolve({
          kind: 'checked',
          errors: [{ pointer: '', message: `could not be checked (${reply.failure})` }],
        });
      }
      this.#pump();
    });
    worker.on('error', (error: Error) => {
      if (slot.ready) {
        this.#replace(slot, { kind: 'cancelled' });
        return;
      }
      // A worker that cannot even start would fail again: the checks waiting for it fail instead.
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      for (const pending of this.#queue.drain()) pending.reject(error);
    });
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
    return slot;
  }

  #timedOut(slot: Slot): void {
    slot.running?.job.group?.abort();
    this.#replace(slot, { kind: 'timed-out' });
  }

  /** Ends a worker that ran too long or failed; its check gets `outcome`; a fresh worker is made when needed. */
  #replace(slot: Slot, outcome: PayloadCheck): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    const running = slot.running;
    slot.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.resolve(outcome);
    }
    void slot.worker.terminate();
    if (!this.#closed) this.#pump();
  }
}

/**
 * Waiting checks, one line per tenant, served in turn: a tenant with many checks waiting (a big batch,
 * or many requests at once) never queues another tenant's checks behind all of them.
 */
class TenantLines {
  readonly #lines = new Map<string, Pending[]>();
  #size = 0;

  get length(): number {
    return this.#size;
  }

  push(pending: Pending): void {
    const tenant = pending.job.tenantId ?? '';
    const line = this.#lines.get(tenant);
    if (line) line.push(pending);
    else this.#lines.set(tenant, [pending]);
    this.#size++;
  }

  /** The first check of the tenant whose turn it is; that tenant then goes to the back. */
  shift(): Pending | undefined {
    const next = this.#lines.entries().next();
    if (next.done) return undefined;
    const [tenant, line] = next.value;
    const pending = line.shift()!;
    this.#lines.delete(tenant);
    if (line.length > 0) this.#lines.set(tenant, line);
    this.#size--;
    return pending;
  }

  drain(): Pending[] {
    const all = [...this.#lines.values()].flat();
    this.#lines.clear();
    this.#size = 0;
    return all;
  }
}
