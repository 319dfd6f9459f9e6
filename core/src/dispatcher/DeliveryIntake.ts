import type { Clock } from '../domain/Clock.js';
import { SETTLED_STATUSES } from '../domain/delivery.js';
import { decodeDeliveryRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import type { LogRecord } from '../log/InternalLog.js';
import type { Logger } from '../observability/index.js';
import type { DeliveryState, DispatchRepository } from '../storage/DispatchRepository.js';
import type { DeliveryExecutor, DeliveryInHand, Execution } from './DeliveryExecutor.js';
import type { DispatchTargets } from './EndpointCache.js';
import { EndpointCaps } from './EndpointCaps.js';
import { EndpointPace } from './EndpointPace.js';
import { FairQueue } from './FairQueue.js';
import { spillDecision } from './spillDecision.js';
import { DispatchBudget } from './DispatchBudget.js';
import { RoomWait } from './RoomWait.js';
import type { OverflowValve } from './OverflowValve.js';

export interface DeliveryIntakeDeps {
  /** Where the batch's delivery rows are read; only `states` is used. */
  deliveries: Pick<DispatchRepository, 'states'>;
  endpoints: DispatchTargets;
  /** Sends and records; the intake only decides when. */
  executor: Pick<DeliveryExecutor, 'execute' | 'park'>;
  clock: Clock;
  logger: Logger;
  /** Deliveries executing at most, over every endpoint (default 200). */
  concurrency?: number | undefined;
  /** Deliveries of one tenant executing at most while another tenant waits (default three quarters of `concurrency`). */
  maxInFlightPerTenant?: number | undefined;
  /** Deliveries of one endpoint executing at most, below its own `maxConcurrency` (default a quarter of `concurrency`). */
  maxInFlightPerEndpoint?: number | undefined;
  /** The memory credits (default: a budget of `memoryBudgetBytes`); shared with the overflow valve. */
  budget?: DispatchBudget | undefined;
  /** Bytes of work held in memory at most before anything is spilled (default 32 MiB), without `budget`. */
  memoryBudgetBytes?: number | undefined;
  /**
   * Appends records, as they are, to `deliveries-overflow`; resolves once they are durable. Without it
   * nothing is spilled and a full budget only holds the partitions back.
   */
  spill?: ((records: readonly LogRecord[]) => Promise<void>) | undefined;
  /** Reads `deliveries-overflow` back as room frees (pause/resume of its subscription). */
  valve?: OverflowValve | undefined;
  /**
   * With the budget full and nothing finished for this long (default 2 s), the heaviest tenant's queued
   * surplus is spilled even when no other tenant is known to wait: a budget full of work held back by
   * caps must not stop the partitions behind it for good.
   */
  stallMs?: number | undefined;
  /**
   * The log's `maxUnfinishedPerPartition` for `deliveries` (default 10 000): work held back by caps is
   * moved aside while the budget has room only once a partition nears it, so it cannot stop fetching.
   */
  maxUnfinishedPerPartition?: number | undefined;
  /** A gate's refusal at most this long (default 1 s) is waited out in memory; a longer one is parked. */
  holdInMemoryMs?: number | undefined;
}

/** Counters since the intake was created, for tests, benchmarks and metrics. */
export interface IntakeStats {
  /** Records appended to `deliveries-overflow` (finished here, sent when read back). */
  spilled: number;
  /** Records handed over from `deliveries-overflow`. */
  fromOverflow: number;
  /** Spills of work held back by caps or stalled (included in `spilled`). */
  stallSpills: number;
}

interface Job extends DeliveryInHand {
  group: string;
  key: string;
  logRecord: LogRecord;
  /** What the job holds of the budget. */
  bytes: number;
  fromOverflow: boolean;
  failures: number;
  run(): Promise<void>;
}

/** How often the intake looks whether queued work is held back by caps. */
const SURPLUS_WATCH_MS = 100;
/** How long queued work must stay held back by caps before its surplus is moved aside. */
const HELD_BACK_MS = 300;

/**
 * A delivery arriving behind its endpoint's queue that would wait this long or longer before its turn is
 * moved aside at once rather than held in memory (see `#waitsLong`).
 */
const LONG_WAIT_MS = 1_000;

/** The default of `dispatcher.memoryBudgetBytes`: 32 MiB. */
export const DEFAULT_MEMORY_BUDGET = 32 * 1024 * 1024;

/**
 * What a record holds in memory: its bytes twice (as read, and decoded with its payload as a string)
 * and the objects around them (the log record and its copy, the decoded record, its state row, the
 * job): about 2 KiB, measured in a heap snapshot of the `fanout` benchmark.
 */
export function bytesInHand(record: LogRecord): number {
  return 2 * record.value.byteLength + 2048;
}

/**
 * The dispatcher's intake: decodes the log's delivery records, drops the stale ones (settled, of another
 * attempt, unknown, or a copy of one in hand), and decides where each current delivery waits: in the
 * fair queue (tenants in turn, then their endpoints in turn), on a timer in memory for a short gate
 * refusal, or parked in the database when a gate refuses for longer (an open breaker).
 *
 * Credits: queued and running work is held in memory up to a byte budget. While it fits, everything is
 * queued. When it is full and another tenant waits, the heaviest tenant's surplus is spilled to
 * `deliveries-overflow` (the record arriving, or its queued records from the back), and read back as
 * room frees (`OverflowValve`). A tenant alone is never spilled: a full budget only makes `take` wait
 * for room, so its partitions fetch no further. The executor never queues.
 */
export class DeliveryIntake {
  readonly #queue: FairQueue<Job>;
  readonly #caps: EndpointCaps;
  readonly #budget: DispatchBudget;
  readonly #holdInMemoryMs: number;
  /** Deliveries queued, executing, held or waiting for their write: a second copy of a record is dropped. */
  readonly #inHand = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #stats: IntakeStats = { spilled: 0, fromOverflow: 0, stallSpills: 0 };
  readonly #room: RoomWait;
  /** Queued deliveries an endpoint keeps when its held-back surplus is moved aside. */
  readonly #reservePerEndpoint: number;
  readonly #surplusWatch: NodeJS.Timeout;
  /** Since when (`performance.now()`) the queued work has been held back by caps. */
  #heldBackSince: number | undefined;
  #movingSurplus = false;
  /** Main-topic records handed over and not done yet, per partition (what its fetch bound counts). */
  readonly #openByPartition = new Map<number, number>();
  readonly #fetchBound: number;
  /** Each endpoint's sends in flight and request duration. */
  readonly #pace: EndpointPace;
  /** Bytes of the jobs waiting in the queue (not running, not held on a timer). */
  #queuedBytes = 0;
  /** Jobs finished so far: the stall rule looks for progress. */
  #finished = 0;
  #stopping = false;
  #stopped!: () => void;
  readonly #whenStopped = new Promise<void>((resolve) => (this.#stopped = resolve));

  constructor(private readonly deps: DeliveryIntakeDeps) {
    const concurrency = deps.concurrency ?? 200;
    const perEndpoint = deps.maxInFlightPerEndpoint ?? Math.max(1, Math.floor(concurrency / 4));
    this.#caps = new EndpointCaps(deps.endpoints);
    this.#pace = new EndpointPace(deps.clock);
    this.#queue = new FairQueue<Job>({
      concurrency,
      maxRunningPerGroup: deps.maxInFlightPerTenant ?? Math.max(1, Math.floor((concurrency * 3) / 4)),
      maxRunningOf: (endpointId) => Math.min(perEndpoint, this.#caps.capOf(endpointId)),
    });
    this.#budget =
      deps.budget ??
      new DispatchBudget({ budgetBytes: deps.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET, clock: deps.clock });
    this.#holdInMemoryMs = deps.holdInMemoryMs ?? 1_000;
    this.#reservePerEndpoint = 2 * perEndpoint;
    this.#fetchBound = deps.maxUnfinishedPerPartition ?? 10_000;
    this.#surplusWatch = setInterval(() => void this.#watchSurplus(), SURPLUS_WATCH_MS);
    this.#surplusWatch.unref();
    this.#room = new RoomWait({
      budget: this.#budget,
      heldBack: () => this.#heldBack(),
      finished: () => this.#finished,
      spillHeldBack: () => this.#spillHeldBack(),
      stallMs: deps.stallMs ?? 2_000,
      stopped: this.#whenStopped,
      isStopping: () => this.#stopping,
    });
  }

  stats(): IntakeStats {
    return { ...this.#stats };
  }

  /**
   * Takes one partition's batch (the subscription's `onRecords`). Returns once the records are queued,
   * spilled or done and, for the main topic, once the budget has room again: a full budget holds the
   * partition back instead of fetching more. It never waits for a send of its own records: no
   * head-of-line blocking. Rejects when the batch's rows cannot be read; the log hands the batch over
   * again after a back-off.
   */
  async take(records: readonly LogRecord[]): Promise<void> {
    if (this.#stopping) return;
    const fromOverflow = records[0]?.topic === 'deliveries-overflow';
    if (!fromOverflow) {
      for (const r of records)
        this.#openByPartition.set(r.partition, (this.#openByPartition.get(r.partition) ?? 0) + 1);
    }
    const decoded = this.#decode(records);
    const states = await this.deps.deliveries.states(decoded.map((d) => d.record.deliveryId));
    for (const { record } of decoded) {
      const changedAt = states.get(record.deliveryId)?.endpointUpdatedAt;
      if (changedAt) this.deps.endpoints.noteVersion?.(record.tenantId, record.endpointId, changedAt);
    }
    await this.#caps.learn(decoded.map((d) => d.record));
    if (fromOverflow) {
      this.#stats.fromOverflow += decoded.length;
      for (const { logRecord, record } of decoded) {
        this.#budget.noteReadBack(record.tenantId, bytesInHand(logRecord));
      }
      // Each record gives its credit back when it leaves: done at once, spilled never, sent or dropped.
      this.deps.valve?.taken(decoded.length);
    }
    // Every tenant of the batch counts as waiting before any of its records is placed.
    for (const { record } of decoded) this.#budget.noteArrival(record.tenantId);
    const spill: Job[] = [];
    for (const { logRecord, record } of decoded) {
      const job = this.#admit(logRecord, record, states.get(record.deliveryId), fromOverflow);
      if (job) spill.push(...this.#place(job));
    }
    if (spill.length > 0) void this.#spill(spill);
    this.deps.valve?.update();
    if (!fromOverflow) await this.#room.untilRoom();
  }

  /**
   * Takes no more records, drops the queued ones (left unfinished: the partition's next owner sends them)
   * and waits up to `graceMs` for the executing ones.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    this.#stopped();
    clearInterval(this.#surplusWatch);
    this.deps.valve?.close();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const job of this.#queue.drain()) {
      this.#queuedBytes -= job.bytes;
      this.#drop(job);
    }
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([this.#queue.whenIdle(), grace]);
    clearTimeout(timer);
  }

  #decode(records: readonly LogRecord[]): { logRecord: LogRecord; record: DeliveryRecord }[] {
    const decoded: { logRecord: LogRecord; record: DeliveryRecord }[] = [];
    for (const logRecord of records) {
      try {
        decoded.push({ logRecord, record: decodeDeliveryRecord(logRecord.value) });
      } catch (error) {
        this.deps.logger.error(
          { err: error, partition: logRecord.partition, offset: logRecord.offset },
          'skipping a deliveries record this version cannot read',
        );
        this.#done(logRecord);
      }
    }
    return decoded;
  }

  /** The job of a current record, or `undefined` once a record with nothing to do is done. */
  #admit(
    logRecord: LogRecord,
    record: DeliveryRecord,
    state: DeliveryState | undefined,
    fromOverflow: boolean,
  ): Job | undefined {
    const current =
      state !== undefined &&
      state.tenantId === record.tenantId &&
      !SETTLED_STATUSES.includes(state.status) &&
      state.attemptCount === record.attempt &&
      !this.#inHand.has(record.deliveryId);
    // Stale (already handled), settled, unknown, or a copy of a record in hand: nothing to do.
    if (!current) {
      this.#done(logRecord);
      if (fromOverflow) this.deps.valve?.finished();
      return undefined;
    }
    this.#inHand.add(record.deliveryId);
    const job: Job = {
      group: record.tenantId,
      key: record.endpointId,
      logRecord,
      record,
      state,
      bytes: bytesInHand(logRecord),
      fromOverflow,
      failures: 0,
      run: () => this.#run(job),
    };
    this.#budget.take(job.group, job.bytes);
    return job;
  }

  /** Queues the job, or picks what to spill to make room for it (`spillDecision`). */
  #place(job: Job): Job[] {
    if (this.#waitsLong(job)) {
      this.#stats.stallSpills++;
      return this.#toSpill([job]);
    }
    const decision = spillDecision(
      this.#budget,
      { tenantId: job.group, fromOverflow: job.fromOverflow },
      this.deps.spill !== undefined,
    );
    if (decision.kind === 'spill-this') return this.#toSpill([job]);
    this.#enqueue(job);
    if (decision.kind === 'queue') return [];
    return this.#toSpill(this.#takeBack(decision.tenantId, (freed) => freed < decision.bytes));
  }

  /**
   * Jobs chosen to spill leave the budget and this process's hands at once, and count as their tenant's
   * backlog on the log from now on, not once the append is durable: the next decisions count only what
   * stays in hand, and a lighter tenant does not look heaviest while the append is on its way. The copy
   * appended to overflow may be read back before the append's acknowledgement arrives here; it is then
   * taken as the delivery in hand, not dropped as a copy of one.
   */
  #toSpill(jobs: Job[]): Job[] {
    for (const job of jobs) {
      this.#budget.release(job.group, job.bytes);
      this.#budget.noteSpilled(job.group, bytesInHand(job.logRecord));
      job.bytes = 0;
      this.#inHand.delete(job.record.deliveryId);
    }
    return jobs;
  }

  /**
   * Queued main-topic jobs of `tenantId`, taken from the back of its longest queues while `more(freed)`
   * (the bytes taken so far) holds, or until it has none left.
   */
  #takeBack(tenantId: string, more: (freed: number) => boolean): Job[] {
    const taken: Job[] = [];
    for (let freed = 0; more(freed);) {
      const job = this.#queue.takeBack(tenantId, (j) => !j.fromOverflow);
      if (!job) break;
      this.#queuedBytes -= job.bytes;
      taken.push(job);
      freed += job.bytes;
    }
    return taken;
  }

  /**
   * Appends the jobs' records to `deliveries-overflow` and marks them done here once that is durable,
   * so the partition moves on. A crash in between leaves a record in both topics: the second copy read
   * is stale or in hand, and dropped. If the append fails the jobs are queued here after all, unless a
   * copy that did reach overflow was read back meanwhile: that copy is the delivery in hand then.
   */
  async #spill(jobs: Job[]): Promise<void> {
    try {
      await this.deps.spill!(jobs.map((j) => j.logRecord));
      this.#stats.spilled += jobs.length;
      for (const job of jobs) {
        this.#done(job.logRecord);
        this.#finished++;
      }
      this.deps.valve?.update();
    } catch (error) {
      // Stopping: the records stay unfinished, and the partition's next owner sends them.
      if (this.#stopping) return;
      this.deps.logger.warn(
        { err: error, records: jobs.length },
        'spilling deliveries to overflow failed; keeping them in memory',
      );
      for (const job of jobs) {
        if (this.#inHand.has(job.record.deliveryId)) {
          this.#done(job.logRecord);
          continue;
        }
        this.#inHand.add(job.record.deliveryId);
        job.bytes = bytesInHand(job.logRecord);
        this.#budget.noteReadBack(job.group, job.bytes);
        this.#budget.take(job.group, job.bytes);
        this.#enqueue(job);
      }
    }
  }

  /**
   * Whether a main-topic delivery just taken would wait `LONG_WAIT_MS` or more for its turn: its
   * endpoint's queue already holds the reserve (what the endpoint can start soon), the queued work is
   * held back by caps, and that queue, at the endpoint's requests in flight and their duration (the
   * average, or how long the oldest in flight has run if longer), takes that long to start. Such a
   * delivery goes to `deliveries-overflow` at once instead of filling the budget: the budget would
   * otherwise fill with a slow endpoint's backlog and hold the partition, and another tenant's records
   * behind it, until the held-back rule moved it aside. Work that can start soon is never moved.
   */
  #waitsLong(job: Job): boolean {
    if (job.fromOverflow || !this.deps.spill || !this.#queue.heldBack) return false;
    const queued = this.#queue.queuedOf(job.group, job.key);
    return queued >= this.#reservePerEndpoint && this.#pace.startWaitMs(job.key, queued) >= LONG_WAIT_MS;
  }

  /**
   * Whether the budget is mostly work that waits for a cap: a quarter of it or more is queued while
   * slots are free, so nothing queued can start.
   */
  #heldBack(): boolean {
    return this.#queue.heldBack && this.#queuedBytes >= this.#budget.budgetBytes / 4;
  }

  /**
   * Work held back by caps beyond what its endpoints can start soon is moved aside even while the budget
   * has room: a partition stops fetching at `maxUnfinishedPerPartition` records not done, so an endpoint
   * that answers slowly would otherwise hold every record behind it in its partition, unseen, until
   * half of its backlog is done. Once the queued work has been held back for `HELD_BACK_MS`, the heaviest
   * tenant's longest endpoint queues are cut down to the reserve (from the back), and the records go to
   * `deliveries-overflow`, so the partition moves on.
   */
  async #watchSurplus(): Promise<void> {
    if (this.#stopping || this.#movingSurplus || !this.deps.spill) return;
    if (!this.#queue.heldBack || !this.#atFetchBound()) {
      this.#heldBackSince = undefined;
      return;
    }
    const now = performance.now();
    this.#heldBackSince ??= now;
    if (now - this.#heldBackSince < HELD_BACK_MS) return;
    const tenant = this.#budget.heaviestInHand();
    if (tenant === undefined) return;
    const jobs: Job[] = [];
    for (
      let left = this.#queue.queued;
      left > 0 && this.#queue.longestQueue(tenant) > this.#reservePerEndpoint;
      left--
    ) {
      const job = this.#queue.takeBack(tenant, (j) => !j.fromOverflow);
      if (!job) break;
      this.#queuedBytes -= job.bytes;
      jobs.push(job);
    }
    if (jobs.length === 0) return;
    this.#movingSurplus = true;
    try {
      this.#stats.stallSpills += jobs.length;
      await this.#spill(this.#toSpill(jobs));
    } finally {
      this.#movingSurplus = false;
    }
  }

  /** Whether a partition has nearly as many records handed over and not done as it may fetch. */
  #atFetchBound(): boolean {
    for (const open of this.#openByPartition.values()) if (open >= this.#fetchBound * 0.9) return true;
    return false;
  }

  /** Marks a record done, counting main-topic records out of their partition's open records. */
  #done(record: LogRecord): void {
    if (record.topic === 'deliveries') {
      const open = (this.#openByPartition.get(record.partition) ?? 1) - 1;
      if (open > 0) this.#openByPartition.set(record.partition, open);
      else this.#openByPartition.delete(record.partition);
    }
    record.done();
  }

  /** Spills the heaviest tenant's queued surplus down to three quarters of the budget; false if none. */
  async #spillHeldBack(): Promise<boolean> {
    // What fills the memory now, not a backlog already on the log: that is what holds the budget.
    const heaviest = this.#budget.heaviestInHand();
    if (heaviest === undefined || !this.deps.spill) return false;
    const surplus = this.#budget.used - (this.#budget.budgetBytes * 3) / 4;
    const jobs = this.#takeBack(heaviest, (freed) => freed < surplus);
    if (jobs.length === 0) return false;
    this.#stats.stallSpills += jobs.length;
    await this.#spill(this.#toSpill(jobs));
    return true;
  }

  #enqueue(job: Job): void {
    this.#queuedBytes += job.bytes;
    this.#queue.push(job);
  }

  async #run(job: Job): Promise<void> {
    this.#queuedBytes -= job.bytes;
    try {
      const execution = await this.#timed(job, () =>
        this.deps.executor.execute(job, () => this.#finish(job)),
      );
      if (execution.kind === 'refused') {
        if (execution.scope && !this.#stopping) {
          // A limiter's window: the whole tenant or endpoint waits in the queue, this delivery first,
          // and nothing of it starts before the window ends (no refusal per queued delivery).
          const tenant = execution.scope === 'tenant';
          this.#queue.hold(tenant ? 'group' : 'key', tenant ? job.group : job.key, execution.waitMs);
          this.#queuedBytes += job.bytes;
          this.#queue.pushFront(job);
          return;
        }
        if (execution.waitMs <= this.#holdInMemoryMs && !this.#stopping) {
          this.#after(execution.waitMs, () => (this.#stopping ? this.#drop(job) : this.#enqueue(job)));
          return;
        }
        this.deps.executor.park(job, execution.until, () => this.#finish(job));
      }
    } catch (error) {
      // The sender never throws, so this is the endpoint lookup or a gate's store: try the record again
      // later rather than leave it unfinished, which would hold the partition's commit point for good.
      if (this.#stopping) {
        this.#drop(job);
        return;
      }
      const delay = Math.min(30_000, 250 * 2 ** job.failures++);
      this.deps.logger.warn(
        { err: error, deliveryId: job.record.deliveryId, retryInMs: delay },
        'delivery not processed',
      );
      this.#after(delay, () => (this.#stopping ? this.#drop(job) : this.#enqueue(job)));
    }
  }

  /** Runs one send of `job`, counted in its endpoint's pace. */
  async #timed(job: Job, send: () => Promise<Execution>): Promise<Execution> {
    this.#pace.started(job.key, job);
    let answered = false;
    try {
      const execution = await send();
      answered = execution.kind !== 'refused';
      return execution;
    } finally {
      this.#pace.finished(job.key, job, answered);
    }
  }

  /** The job's record is done: it leaves the budget and its credit comes back. */
  #finish(job: Job): void {
    this.#done(job.logRecord);
    this.#finished++;
    this.#drop(job);
  }

  /** The job leaves this process, done or not (a record not done comes again from the log). */
  #drop(job: Job): void {
    if (!this.#inHand.delete(job.record.deliveryId)) return;
    this.#budget.release(job.group, job.bytes);
    if (job.fromOverflow) this.deps.valve?.finished();
    else this.deps.valve?.update();
  }

  #after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }
}
