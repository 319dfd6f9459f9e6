/**
 * A unit of work for one key (an endpoint) of one group (a tenant). `run` must not reject; failures are
 * the task's own business. Without a `group` the key is its own group.
 */
export interface FairTask {
  group?: string;
  key: string;
  run(): Promise<void>;
}

export interface FairQueueOptions {
  /** Tasks running at most, over every group (the dispatcher's requests in flight). */
  concurrency: number;
  /**
   * Tasks of one group running at most while another group has tasks waiting (default: `concurrency`).
   * Work-conserving: a group alone may take every slot; once another group waits, the slots freed go
   * to the others until this group is back under its cap.
   */
  maxRunningPerGroup?: number;
  /** Tasks of one key running at most, read each time a task of the key could start (default: unlimited). */
  maxRunningOf?: (key: string) => number;
}

interface Group<T> {
  byKey: Map<string, T[]>;
  /** Keys with queued tasks, in the order they get their next turn. */
  turns: string[];
  queued: number;
  running: number;
}

/**
 * Runs tasks under a global concurrency bound, taking groups in turn and, inside a group, keys in turn
 * (two-level round robin). So a tenant with a thousand endpoints gets the same share of free slots as a
 * tenant with one, a long queue of one endpoint never delays another endpoint's tasks behind it, and
 * per-key and per-group running caps keep slow keys from holding every slot. A group or key at its cap
 * keeps its place and is skipped until one of its tasks finishes.
 */
export class FairQueue<T extends FairTask = FairTask> {
  readonly #groups = new Map<string, Group<T>>();
  /** Groups with queued tasks, in the order they get their next turn. */
  #turns: string[] = [];
  readonly #runningByKey = new Map<string, number>();
  #running = 0;
  #queued = 0;
  #idleWaiters: (() => void)[] = [];
  readonly #concurrency: number;
  readonly #maxPerGroup: number;
  readonly #maxOf: (key: string) => number;
  /** Groups and keys that may start nothing until their timer ends (a rate limiter's window). */
  readonly #heldGroups = new Map<string, NodeJS.Timeout>();
  readonly #heldKeys = new Map<string, NodeJS.Timeout>();

  constructor(options: FairQueueOptions | number) {
    const o = typeof options === 'number' ? { concurrency: options } : options;
    for (const [name, value] of [
      ['concurrency', o.concurrency],
      ['maxRunningPerGroup', o.maxRunningPerGroup ?? o.concurrency],
    ] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
      }
    }
    this.#concurrency = o.concurrency;
    this.#maxPerGroup = o.maxRunningPerGroup ?? o.concurrency;
    this.#maxOf = o.maxRunningOf ?? (() => Infinity);
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.#queued;
  }

  /**
   * Whether tasks wait while a quarter of the slots or more are free: the queued tasks are held back by
   * caps (their keys' or groups', or a hold), so what is queued cannot use the free slots. A slot or two
   * free for a moment, between two tasks of a key at its cap, does not count.
   */
  get heldBack(): boolean {
    return this.#queued > 0 && this.#running <= (this.#concurrency * 3) / 4;
  }

  /** The length of the longest queue among the keys of `group` (0 when it has nothing queued). */
  longestQueue(group: string): number {
    let longest = 0;
    for (const queue of this.#groups.get(group)?.byKey.values() ?? [])
      longest = Math.max(longest, queue.length);
    return longest;
  }

  /** Tasks of `key` in `group` waiting for a slot. */
  queuedOf(group: string, key: string): number {
    return this.#groups.get(group)?.byKey.get(key)?.length ?? 0;
  }

  /** Tasks of `group` waiting for a slot or running. */
  inHand(group: string): number {
    const g = this.#groups.get(group);
    return g ? g.queued + g.running : 0;
  }

  push(task: T): void {
    this.#add(task, 'back');
  }

  /**
   * Puts a task back at the head of its key's queue (it was started, and gave its slot back unused).
   */
  pushFront(task: T): void {
    this.#add(task, 'front');
  }

  #add(task: T, end: 'front' | 'back'): void {
    const name = task.group ?? task.key;
    let group = this.#groups.get(name);
    if (!group) {
      group = { byKey: new Map(), turns: [], queued: 0, running: 0 };
      this.#groups.set(name, group);
    }
    if (group.queued === 0) this.#turns.push(name);
    const queue = group.byKey.get(task.key);
    if (!queue) {
      group.byKey.set(task.key, [task]);
      group.turns.push(task.key);
    } else if (end === 'front') queue.unshift(task);
    else queue.push(task);
    group.queued++;
    this.#queued++;
    this.#pump();
  }

  /**
   * Starts nothing of `name` (a group, or a key) for `ms`: its tasks keep their places and the others go
   * past them, as at a cap. A later hold of the same name replaces the earlier one.
   */
  hold(kind: 'group' | 'key', name: string, ms: number): void {
    const held = kind === 'group' ? this.#heldGroups : this.#heldKeys;
    clearTimeout(held.get(name));
    held.set(
      name,
      setTimeout(() => {
        held.delete(name);
        this.#pump();
      }, ms),
    );
  }

  /**
   * Takes back the last queued task of `group` that `accept`s, from the tail of its longest key queue
   * (the work that would have waited longest); `undefined` when it has none. Running tasks stay.
   */
  takeBack(group: string, accept: (task: T) => boolean): T | undefined {
    const g = this.#groups.get(group);
    if (!g) return undefined;
    const keys = [...g.byKey.entries()].sort((a, b) => b[1].length - a[1].length);
    for (const [key, queue] of keys) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const task = queue[i]!;
        if (!accept(task)) continue;
        queue.splice(i, 1);
        if (queue.length === 0) {
          g.byKey.delete(key);
          g.turns = g.turns.filter((k) => k !== key);
        }
        g.queued--;
        this.#queued--;
        if (g.queued === 0) {
          this.#turns = this.#turns.filter((n) => n !== group);
          if (g.running === 0) this.#groups.delete(group);
        }
        this.#notifyIdle();
        return task;
      }
    }
    return undefined;
  }

  /** Removes every task not started yet and returns them; running tasks carry on. */
  drain(): T[] {
    const dropped: T[] = [];
    for (const [name, group] of this.#groups) {
      for (const queue of group.byKey.values()) dropped.push(...queue);
      group.byKey.clear();
      group.turns = [];
      group.queued = 0;
      if (group.running === 0) this.#groups.delete(name);
    }
    this.#turns = [];
    this.#queued = 0;
    for (const timer of [...this.#heldGroups.values(), ...this.#heldKeys.values()]) clearTimeout(timer);
    this.#heldGroups.clear();
    this.#heldKeys.clear();
    this.#notifyIdle();
    return dropped;
  }

  /** Resolves when no task is running and none is queued. */
  whenIdle(): Promise<void> {
    if (this.#running === 0 && this.#queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    // Groups passed over in a row without starting anything: all of them are at a cap when it reaches
    // the number of groups waiting.
    let skipped = 0;
    while (this.#running < this.#concurrency && skipped < this.#turns.length) {
      const name = this.#turns.shift()!;
      const group = this.#groups.get(name)!;
      // The group cap holds only while another group waits: a tenant alone gets the whole machine.
      const capped =
        (group.running >= this.#maxPerGroup && this.#turns.length > 0) || this.#heldGroups.has(name);
      const task = capped ? undefined : this.#takeFrom(group);
      if (!task) {
        this.#turns.push(name);
        skipped++;
        continue;
      }
      skipped = 0;
      if (group.queued > 0) this.#turns.push(name);
      this.#start(name, group, task);
    }
  }

  /** The next task of the group's first key in turn that is under its cap. */
  #takeFrom(group: Group<T>): T | undefined {
    for (let tried = 0; tried < group.turns.length; tried++) {
      const key = group.turns.shift()!;
      const queue = group.byKey.get(key)!;
      if ((this.#runningByKey.get(key) ?? 0) >= this.#maxOf(key) || this.#heldKeys.has(key)) {
        group.turns.push(key);
        continue;
      }
      const task = queue.shift()!;
      if (queue.length > 0) group.turns.push(key);
      else group.byKey.delete(key);
      group.queued--;
      this.#queued--;
      return task;
    }
    return undefined;
  }

  #start(name: string, group: Group<T>, task: T): void {
    this.#running++;
    group.running++;
    this.#runningByKey.set(task.key, (this.#runningByKey.get(task.key) ?? 0) + 1);
    void task.run().finally(() => {
      this.#running--;
      group.running--;
      const left = this.#runningByKey.get(task.key)! - 1;
      if (left > 0) this.#runningByKey.set(task.key, left);
      else this.#runningByKey.delete(task.key);
      if (group.running === 0 && group.queued === 0) this.#groups.delete(name);
      this.#pump();
      this.#notifyIdle();
    });
  }

  #notifyIdle(): void {
    if (this.#running > 0 || this.#queued > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}
