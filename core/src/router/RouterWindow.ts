import type { Clock } from '../domain/Clock.js';
import type { EventRecord } from '../domain/pipelineRecords.js';
import type { LogRecord, LogTopic } from '../log/InternalLog.js';

/** One `onRecords` call's records: the partition may hand over more only while few are unfinished. */
export class Handover {
  readonly finished: Promise<void>;
  private resolve!: () => void;

  constructor(public remaining: number) {
    this.finished = new Promise((resolve) => (this.resolve = resolve));
  }

  /** One more record finished; true when it was the last. */
  finishOne(): boolean {
    if (--this.remaining > 0) return false;
    this.resolve();
    return true;
  }
}

/** A decoded record in the router's hands. */
export interface WindowItem {
  readonly record: LogRecord;
  readonly event: EventRecord;
  readonly handover: Handover;
}

export interface RouterWindowOptions {
  /** `onRecords` calls of one partition that may be unfinished at once. */
  maxHandoversPerPartition: number;
  clock: Clock;
  /** How long a tenant counts as active after its records were last handed over. */
  activeTenantMs: number;
  /** Unfinished records that make a partition full (see {@link RouterWindow.anyFull}). */
  fullRecords: number;
}

const partitionKey = (topic: LogTopic, partition: number) => `${topic}/${partition}`;
function bump(counts: Map<string, number>, key: string, delta: number): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

const keptKey = (item: WindowItem) =>
  `${partitionKey(item.record.topic, item.record.partition)}/${item.event.tenantId}`;

/**
 * The records the router holds, across every partition of its subscriptions: waiting records queued per
 * tenant, batches taken from them tenant by tenant, and the `onRecords` calls (handovers) each partition
 * has unfinished. A record is finished (marked done) only through {@link finish}.
 */
export class RouterWindow {
  /** Waiting records per tenant, oldest first; the map's order is the order tenants are served in. */
  private readonly queues = new Map<string, WindowItem[]>();
  private readonly handovers = new Map<string, Handover[]>();
  /** Event ids of records taken and not finished, with how many. */
  private readonly taken = new Map<string, number>();
  private readonly inHand = new Map<LogTopic, number>();
  private readonly lastSeen = new Map<string, number>();
  /** Records kept (waiting or taken, not surplus) per partition and tenant. */
  private readonly kept = new Map<string, number>();
  /** Records of `events-overflow` kept per tenant. */
  private readonly overflowKept = new Map<string, number>();
  /** Records taken and not finished, per tenant. */
  private readonly routing = new Map<string, number>();
  private readonly waitingByTopic = new Map<LogTopic, number>();

  constructor(private readonly options: RouterWindowOptions) {}

  /**
   * Adds one `onRecords` call's decoded records (of one partition) as waiting. When `capFor` answers a
   * cap (it is asked once the records' tenants count as active), a tenant keeps at most that many
   * records of this partition and of `events-overflow` in hand (waiting or being routed): its records
   * beyond it are answered as surplus, to be moved aside (then {@link finish}ed) or {@link restore}d.
   */
  add(
    topic: LogTopic,
    partition: number,
    items: readonly Omit<WindowItem, 'handover'>[],
    capFor?: () => number | undefined,
  ): { handover: Handover; surplus: WindowItem[] } {
    const handover = new Handover(items.length);
    const key = partitionKey(topic, partition);
    this.handovers.set(key, [...(this.handovers.get(key) ?? []), handover]);
    this.inHand.set(topic, (this.inHand.get(topic) ?? 0) + items.length);
    const now = this.options.clock.now();
    for (const item of items) this.lastSeen.set(item.event.tenantId, now);
    const cap = capFor?.();
    const surplus: WindowItem[] = [];
    for (const item of items) {
      const entry = { ...item, handover };
      // The tenant's moved records it holds count too: while they are routed, its records of the main
      // topic move aside at once, and the partition moves on at the pace of appends.
      const held = (this.kept.get(keptKey(entry)) ?? 0) + (this.overflowKept.get(item.event.tenantId) ?? 0);
      if (cap !== undefined && held >= cap) surplus.push(entry);
      else this.enqueue(entry);
    }
    return { handover, surplus };
  }

  /** The oldest unfinished handover of the partition when it has as many as it may have. */
  blockingHandover(topic: LogTopic, partition: number): Handover | undefined {
    const list = this.handovers.get(partitionKey(topic, partition)) ?? [];
    return list.length >= this.options.maxHandoversPerPartition ? list[0] : undefined;
  }

  /**
   * Whether a partition of `topic` is full: it has as many handovers unfinished as it may, or
   * `fullRecords` records (about where the log stops fetching for it).
   */
  anyFull(topic: LogTopic): boolean {
    const prefix = `${topic}/`;
    for (const [key, list] of this.handovers) {
      if (!key.startsWith(prefix)) continue;
      if (list.length >= this.options.maxHandoversPerPartition) return true;
      if (list.reduce((n, h) => n + h.remaining, 0) >= this.options.fullRecords) return true;
    }
    return false;
  }

  /** Records waiting to be taken, of `topic` or of all topics. */
  waiting(topic?: LogTopic): number {
    if (topic) return this.waitingByTopic.get(topic) ?? 0;
    let total = 0;
    for (const n of this.waitingByTopic.values()) total += n;
    return total;
  }

  /** Records of `topic` handed over and not finished (waiting, being routed or being moved). */
  unfinished(topic: LogTopic): number {
    return this.inHand.get(topic) ?? 0;
  }

  /** Tenants whose records were handed over within the last `activeTenantMs`. */
  activeTenants(): number {
    const since = this.options.clock.now() - this.options.activeTenantMs;
    for (const [tenant, seen] of this.lastSeen) if (seen < since) this.lastSeen.delete(tenant);
    return this.lastSeen.size;
  }

  /** Whether a tenant with nothing being routed has records waiting. */
  quietWaiting(): boolean {
    for (const tenant of this.queues.keys()) if (!this.routing.has(tenant)) return true;
    return false;
  }

  /**
   * Takes up to `max` waiting records for one batch, fairly: each tenant with waiting records gets an
   * equal part, and what a tenant cannot use goes to the others; within a tenant, `events` records
   * before `events-overflow` ones. A record whose event id is being
   * routed stays waiting until that finishes, so two records of one event are never routed side by
   * side and the older one decides (see routeEvents). The batch holds at most `maxBytes` of records
   * (a larger record goes alone): on SQLite a batch is written in one synchronous transaction, so its
   * size is how long it holds the event loop. With `quietOnly`, only tenants with nothing being routed
   * are served.
   */
  take(max: number, maxBytes = Infinity, quietOnly = false): WindowItem[] {
    const tenants = [...this.queues.entries()]
      .filter(([tenant]) => !quietOnly || !this.routing.has(tenant))
      .sort((a, b) => a[1].length - b[1].length);
    const batch: WindowItem[] = [];
    let left = max;
    let bytes = 0;
    tenants.forEach(([tenant, queue], i) => {
      const quota = Math.min(queue.length, Math.ceil(left / (tenants.length - i)));
      // A tenant's records of the main topic go first: each one holds its partition's commit point and
      // the records behind it, possibly other tenants'. Overflow records hold only other overflow.
      const chosen = new Set<WindowItem>();
      let full = false;
      for (const main of [true, false]) {
        for (const item of queue) {
          if (chosen.size >= quota || full) break;
          if ((item.record.topic === 'events') !== main || this.taken.has(item.event.id)) continue;
          const size = item.record.value.length;
          full = batch.length + chosen.size > 0 && bytes + size > maxBytes;
          if (full) break;
          chosen.add(item);
          bytes += size;
        }
      }
      const got = chosen.size;
      if (got === 0) return;
      batch.push(...chosen);
      const kept = queue.filter((item) => !chosen.has(item));
      left -= got;
      bump(this.routing, tenant, got);
      for (const item of chosen) this.countWaiting(item, -1);
      // Served tenants go to the back of the turn order.
      this.queues.delete(tenant);
      if (kept.length > 0) this.queues.set(tenant, kept);
    });
    for (const item of batch) this.taken.set(item.event.id, (this.taken.get(item.event.id) ?? 0) + 1);
    return batch;
  }

  /** Queues surplus records after all (their move failed), ahead of their tenants' other records. */
  restore(items: readonly WindowItem[]): void {
    const byTenant = new Map<string, WindowItem[]>();
    for (const item of items) {
      byTenant.set(item.event.tenantId, [...(byTenant.get(item.event.tenantId) ?? []), item]);
    }
    for (const [tenant, list] of byTenant) {
      this.queues.set(tenant, [...list, ...(this.queues.get(tenant) ?? [])]);
      for (const item of list) {
        this.count(item, 1);
        this.countWaiting(item, 1);
      }
    }
  }

  /** Marks records done: taken ones once routed, surplus ones once moved aside. */
  finish(items: readonly WindowItem[], wasTaken: boolean): void {
    for (const item of items) {
      if (wasTaken) this.release(item);
      item.record.done();
      const topic = item.record.topic;
      this.inHand.set(topic, (this.inHand.get(topic) ?? 0) - 1);
      if (!item.handover.finishOne()) continue;
      const key = partitionKey(topic, item.record.partition);
      const list = (this.handovers.get(key) ?? []).filter((h) => h !== item.handover);
      if (list.length > 0) this.handovers.set(key, list);
      else this.handovers.delete(key);
    }
  }

  private release(item: WindowItem): void {
    const n = (this.taken.get(item.event.id) ?? 1) - 1;
    if (n > 0) this.taken.set(item.event.id, n);
    else this.taken.delete(item.event.id);
    bump(this.routing, item.event.tenantId, -1);
    this.count(item, -1);
  }

  private count(item: WindowItem, delta: number): void {
    bump(this.kept, keptKey(item), delta);
    if (item.record.topic === 'events-overflow') bump(this.overflowKept, item.event.tenantId, delta);
  }

  private enqueue(item: WindowItem): void {
    const queue = this.queues.get(item.event.tenantId);
    if (queue) queue.push(item);
    else this.queues.set(item.event.tenantId, [item]);
    this.count(item, 1);
    this.countWaiting(item, 1);
  }

  private countWaiting(item: WindowItem, delta: number): void {
    const topic = item.record.topic;
    this.waitingByTopic.set(topic, (this.waitingByTopic.get(topic) ?? 0) + delta);
  }
}
