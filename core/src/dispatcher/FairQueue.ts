/** A unit of work for one key (an endpoint). `run` must not reject; failures are the task's own business. */
export interface FairTask {
  key: string;
  run(): Promise<void>;
}

/**
 * Runs tasks with a global concurrency bound, taking keys in turn (round robin), so a key with a long
 * queue only gets its share of the free slots and never delays the tasks of other keys behind it.
 */
export class FairQueue<T extends FairTask = FairTask> {
  readonly #byKey = new Map<string, T[]>();
  /** Keys with queued tasks, in the order they get their next turn. */
  #turns: string[] = [];
  #running = 0;
  #queued = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#queued;
  }

  push(task: T): void {
    const queue = this.#byKey.get(task.key);
    if (queue) queue.push(task);
    else {
      this.#byKey.set(task.key, [task]);
      this.#turns.push(task.key);
    }
    this.#queued++;
    this.#pump();
  }

  /** Removes every task not started yet and returns them; running tasks carry on. */
  drain(): T[] {
    const dropped = [...this.#byKey.values()].flat();
    this.#byKey.clear();
    this.#turns = [];
    this.#queued = 0;
    this.#notifyIdle();
    return dropped;
  }

  /** Resolves when no task is running and none is queued. */
  whenIdle(): Promise<void> {
    if (this.#running === 0 && this.#queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.concurrency && this.#turns.length > 0) {
      const key = this.#turns.shift()!;
      const queue = this.#byKey.get(key)!;
      const task = queue.shift()!;
      if (queue.length > 0) this.#turns.push(key);
      else this.#byKey.delete(key);
      this.#queued--;
      this.#running++;
      void task.run().finally(() => {
        this.#running--;
        this.#pump();
        this.#notifyIdle();
      });
    }
  }

  #notifyIdle(): void {
    if (this.#running > 0 || this.#queued > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
