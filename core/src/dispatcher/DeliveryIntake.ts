import type { Clock } from '../domain/Clock.js';
import { SETTLED_STATUSES } from '../domain/delivery.js';
import { decodeDeliveryRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import type { LogRecord } from '../log/InternalLog.js';
import type { Logger } from '../observability/index.js';
import type { DeliveryState, DispatchRepository } from '../storage/DispatchRepository.js';
import type { DeliveryExecutor, DeliveryInHand } from './DeliveryExecutor.js';
import type { DispatchTargets } from './EndpointCache.js';
import { EndpointCaps } from './EndpointCaps.js';
import { FairQueue } from './FairQueue.js';
import { OverflowSchedule } from './OverflowSchedule.js';

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
  /** Deliveries of one tenant executing at most (default three quarters of `concurrency`). */
  maxInFlightPerTenant?: number | undefined;
  /** Deliveries of one endpoint executing at most, below its own `maxConcurrency` (default a quarter of `concurrency`). */
  maxInFlightPerEndpoint?: number | undefined;
  /** Deliveries of one tenant in hand at most (default 250); past it they are parked (see `DispatcherDeps`). */
  maxInHandPerTenant?: number | undefined;
  /** The earliest a delivery parked over `maxInHandPerTenant` comes back (default 2 s). */
  overflowParkMs?: number | undefined;
  /** A gate's refusal at most this long (default 1 s) is waited out in memory; a longer one is parked. */
  holdInMemoryMs?: number | undefined;
}

interface Job extends DeliveryInHand {
  group: string;
  key: string;
  logRecord: LogRecord;
  failures: number;
  run(): Promise<void>;
}

/**
 * The dispatcher's intake: decodes the log's delivery records, drops the stale ones (settled, of another
 * attempt, unknown, or a copy of one in hand), and decides where each current delivery waits: in the
 * fair queue (tenants in turn, then their endpoints in turn, with running caps), on a timer in memory
 * for a short gate refusal, or parked in the database when the tenant has too many in hand or a gate
 * refuses for longer. The queue runs each delivery through the executor; once its outcome is stored its
 * log record is marked done.
 *
 * All of the dispatcher's flow control lives here, so holding work in memory under a budget and
 * spilling a heavy tenant's surplus belong here too; the executor never queues.
 */
export class DeliveryIntake {
  readonly #queue: FairQueue<Job>;
  readonly #caps: EndpointCaps;
  readonly #overflow: OverflowSchedule;
  readonly #maxInHandPerTenant: number;
  readonly #holdInMemoryMs: number;
  /** Deliveries queued, executing, held or waiting for their write: a second copy of a record is dropped. */
  readonly #inHand = new Set<string>();
  /** Per tenant, deliveries waiting on a timer for a gate; they count as in hand. */
  readonly #held = new Map<string, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopping = false;

  constructor(private readonly deps: DeliveryIntakeDeps) {
    const concurrency = deps.concurrency ?? 200;
    const perEndpoint = deps.maxInFlightPerEndpoint ?? Math.max(1, Math.floor(concurrency / 4));
    this.#caps = new EndpointCaps(deps.endpoints);
    this.#queue = new FairQueue<Job>({
      concurrency,
      maxRunningPerGroup: deps.maxInFlightPerTenant ?? Math.max(1, Math.floor((concurrency * 3) / 4)),
      maxRunningOf: (endpointId) => Math.min(perEndpoint, this.#caps.capOf(endpointId)),
    });
    this.#overflow = new OverflowSchedule({ clock: deps.clock, minDelayMs: deps.overflowParkMs ?? 2_000 });
    this.#maxInHandPerTenant = deps.maxInHandPerTenant ?? 250;
    this.#holdInMemoryMs = deps.holdInMemoryMs ?? 1_000;
  }

  /**
   * Takes one partition's batch (the subscription's `onRecords`). Returns once the records are queued,
   * parked or done, without waiting for any send: no head-of-line blocking. Rejects when the batch's
   * rows cannot be read; the log hands the batch over again after a back-off.
   */
  async take(records: readonly LogRecord[]): Promise<void> {
    if (this.#stopping) return;
    const decoded = this.#decode(records);
    const states = await this.deps.deliveries.states(decoded.map((d) => d.record.deliveryId));
    for (const { record } of decoded) {
      const changedAt = states.get(record.deliveryId)?.endpointUpdatedAt;
      if (changedAt) this.deps.endpoints.noteVersion?.(record.tenantId, record.endpointId, changedAt);
    }
    await this.#caps.learn(decoded.map((d) => d.record));
    for (const { logRecord, record } of decoded)
      this.#admit(logRecord, record, states.get(record.deliveryId));
  }

  /**
   * Takes no more records, drops the queued ones (left unfinished: the partition's next owner sends them)
   * and waits up to `graceMs` for the executing ones.
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const job of this.#queue.drain()) this.#inHand.delete(job.record.deliveryId);
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
        logRecord.done();
      }
    }
    return decoded;
  }

  #admit(logRecord: LogRecord, record: DeliveryRecord, state: DeliveryState | undefined): void {
    const current =
      state !== undefined &&
      state.tenantId === record.tenantId &&
      !SETTLED_STATUSES.includes(state.status) &&
      state.attemptCount === record.attempt &&
      !this.#inHand.has(record.deliveryId);
    // Stale (already handled), settled, unknown, or a copy of a record in hand: nothing to do.
    if (!current) {
      logRecord.done();
      return;
    }
    this.#inHand.add(record.deliveryId);
    const job: Job = {
      group: record.tenantId,
      key: record.endpointId,
      logRecord,
      record,
      state,
      failures: 0,
      run: () => this.#run(job),
    };
    const tenantId = record.tenantId;
    if (this.#queue.inHand(tenantId) + (this.#held.get(tenantId) ?? 0) >= this.#maxInHandPerTenant) {
      // Held in the database instead of in memory, so the partition's window moves on and other
      // tenants' records behind this one are read at once.
      this.deps.executor.park(job, this.#overflow.parkUntil(tenantId), () => this.#finish(job));
      return;
    }
    this.#queue.push(job);
  }

  async #run(job: Job): Promise<void> {
    try {
      const execution = await this.deps.executor.execute(job, () => this.#finish(job));
      if (execution.kind === 'refused') {
        if (execution.waitMs <= this.#holdInMemoryMs && !this.#stopping) {
          this.#holdFor(job, execution.waitMs);
          return;
        }
        this.deps.executor.park(job, execution.until, () => this.#finish(job));
      }
      this.#overflow.completed(job.record.tenantId);
    } catch (error) {
      // The sender never throws, so this is the endpoint lookup or a gate's store: try the record again
      // later rather than leave it unfinished, which would hold the partition's commit point for good.
      if (this.#stopping) {
        this.#inHand.delete(job.record.deliveryId);
        return;
      }
      const delay = Math.min(30_000, 250 * 2 ** job.failures++);
      this.deps.logger.warn(
        { err: error, deliveryId: job.record.deliveryId, retryInMs: delay },
        'delivery not processed',
      );
      this.#after(delay, () => this.#queue.push(job));
    }
  }

  /** Queues the job again after `ms`; it still counts as in hand for its tenant meanwhile. */
  #holdFor(job: Job, ms: number): void {
    const tenantId = job.record.tenantId;
    this.#held.set(tenantId, (this.#held.get(tenantId) ?? 0) + 1);
    this.#after(ms, () => {
      const left = (this.#held.get(tenantId) ?? 1) - 1;
      if (left > 0) this.#held.set(tenantId, left);
      else this.#held.delete(tenantId);
      if (this.#stopping) this.#inHand.delete(job.record.deliveryId);
      else this.#queue.push(job);
    });
  }

  #finish(job: Job): void {
    this.#inHand.delete(job.record.deliveryId);
    job.logRecord.done();
  }

  #after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }
}
