import type { Clock } from '../domain/Clock.js';
import type { Endpoint } from '../domain/endpoint.js';
import type { InternalLog, Subscription } from '../log/InternalLog.js';
import { noTelemetry, type Logger, type Telemetry } from '../observability/index.js';
import type { DispatchRepository } from '../storage/DispatchRepository.js';
import { DeliveryExecutor } from './DeliveryExecutor.js';
import { DEFAULT_MEMORY_BUDGET, DeliveryIntake, type IntakeStats } from './DeliveryIntake.js';
import { DispatchBudget } from './DispatchBudget.js';
import { OverflowValve } from './OverflowValve.js';
import type { DispatchTargets } from './EndpointCache.js';
import type { SendGate } from './SendGate.js';
import type { SendRequest, WebhookSender } from './WebhookSender.js';

export interface DispatcherDeps {
  log: InternalLog;
  deliveries: DispatchRepository;
  /** Endpoint settings and secrets, cached briefly (`EndpointCache`). */
  endpoints: DispatchTargets;
  sender: WebhookSender;
  clock: Clock;
  logger: Logger;
  /** `Caravan/<version>`. */
  userAgent: string;
  /** Requests in flight at most, over every endpoint (default 200). */
  concurrency?: number;
  /**
   * Requests of one tenant in flight at most (default three quarters of `concurrency`): the rest stays free
   * for the other tenants even when one tenant's endpoints all answer slowly.
   */
  maxInFlightPerTenant?: number;
  /**
   * Requests of one endpoint in flight at most when it sets no lower `maxConcurrency` (default a quarter of
   * `concurrency`), so one slow endpoint cannot hold every slot.
   */
  maxInFlightPerEndpoint?: number;
  /**
   * Bytes of queued and running work this process holds in memory at most (default 32 MiB,
   * `dispatcher.memoryBudgetBytes`). Past it, and only while another tenant waits, the heaviest tenant's
   * surplus is spilled to `deliveries-overflow` and read back as room frees; a tenant alone is held back
   * on the log instead (its partitions fetch no further until room frees).
   */
  memoryBudgetBytes?: number;
  /**
   * Records of one `deliveries` partition fetched and not done at most (default 10 000); see
   * `SubscribeOptions`. The byte budget bounds the work in hand; this bounds what a partition fetches
   * ahead of it (records not handed over yet), which memory holds on top of the budget. It is large on
   * purpose: a partition at this bound stops fetching, so a backlog of one endpoint that fits the budget
   * but waits for its caps would hide every record behind it (1 000 did, in `Fairness.int.test.ts`).
   */
  maxUnfinishedPerPartition?: number;
  /**
   * Overflow records read back and in hand at most (default 4 × `concurrency`; a quarter of `concurrency`
   * while the main topic is pressed); see `OverflowValve`.
   */
  overflowCredits?: number;
  /** See `DeliveryIntakeDeps.stallMs` (default 2 s). */
  stallMs?: number;
  /** Outcomes are stored every `flushIntervalMs` (default 150) or `flushMaxRows` (default 500). */
  flushIntervalMs?: number;
  flushMaxRows?: number;
  /** Outcome batches written at the same time (default 4). */
  flushConcurrency?: number;
  /** How long a delivery to a paused endpoint waits before it is looked at again (default 60 s). */
  pausedRecheckMs?: number;
  /** The egress routes of an endpoint (its pool's, `EgressRouter`); none: sent directly. */
  egressFor?: (endpoint: Endpoint) => Promise<SendRequest['egress']>;
  /**
   * Checks in front of every send, asked in order (rate limits, concurrency, circuit breaker). A refusal
   * holds the delivery until the gate says, without an attempt: a rate limit's (`GateRefusal.scope`) holds
   * its endpoint or tenant in the queue, in memory; another is waited out in memory or parked (see
   * `holdInMemoryMs`).
   */
  gates?: readonly SendGate[];
  /**
   * A refusal other than a rate limit's whose wait is at most this long (default 1 s) is waited out in
   * memory, on a timer, and the delivery is tried again then; a longer one (an open breaker) is parked in
   * the database. Parking a short wait would add the scheduler's round trip to it.
   */
  holdInMemoryMs?: number;
  /** Jitter source of the retry schedule. */
  random?: () => number;
  /** Consumer group of `deliveries` (default `caravan-dispatcher`); `deliveries-overflow` is read in `<groupId>-overflow`. */
  groupId?: string;
  /** Where attempts are counted, timed and traced, and the records in hand counted. */
  telemetry?: Telemetry;
}

/** The default fetch bound of a `deliveries` partition (`maxUnfinishedPerPartition`). */
const DELIVERIES_FETCH_BOUND = 10_000;

/** A running dispatcher role. */
export interface DeliveryDispatcher {
  start(): Promise<void>;
  /**
   * Takes no more records, lets requests in flight finish for up to `graceMs` (default 10 s), stores
   * their outcomes and leaves the consumer group. Records not finished by then are sent again by the
   * partition's next owner.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  /** Counters since the dispatcher was created: records spilled to and read back from overflow. */
  stats(): IntakeStats;
}

/**
 * The dispatcher role: consumes `deliveries` into a {@link DeliveryIntake} (stale check, fair queues,
 * memory credits, what waits in memory and what is parked), which runs each current delivery through a
 * {@link DeliveryExecutor} (gates, signing, sending, outcomes stored in batches), and reads
 * `deliveries-overflow` back through an {@link OverflowValve} as room frees.
 *
 * No head-of-line blocking: the intake only checks the batch's delivery rows and queues its records; it
 * returns without waiting for any request. Each record is marked done on its own once its outcome is
 * stored, so a slow endpoint holds back the partition's commit point, never the delivery of the other
 * endpoints' records behind it.
 *
 * Fairness between tenants: the queue takes tenants in turn, then their endpoints in turn, with caps
 * that hold only while others wait. Work is held in memory up to a byte budget; when it is full and
 * another tenant waits, the heaviest tenant's surplus moves to `deliveries-overflow` (on the log, not in
 * the database), so a tenant's backlog, slow endpoint or retry storm never holds another tenant's
 * records behind it.
 */
export function createDispatcher(deps: DispatcherDeps): DeliveryDispatcher {
  const concurrency = deps.concurrency ?? 200;
  const groupId = deps.groupId ?? 'caravan-dispatcher';
  const executor = new DeliveryExecutor({
    deliveries: deps.deliveries,
    endpoints: deps.endpoints,
    sender: deps.sender,
    clock: deps.clock,
    logger: deps.logger,
    userAgent: deps.userAgent,
    gates: deps.gates,
    egressFor: deps.egressFor,
    pausedRecheckMs: deps.pausedRecheckMs,
    random: deps.random,
    flushIntervalMs: deps.flushIntervalMs,
    flushMaxRows: deps.flushMaxRows,
    flushConcurrency: deps.flushConcurrency,
    telemetry: deps.telemetry,
  });
  const credits = deps.overflowCredits ?? 4 * concurrency;
  const budget = new DispatchBudget({
    budgetBytes: deps.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET,
    clock: deps.clock,
  });
  // While the main topic is pressed overflow keeps a quarter of the requests' worth: the main topic's
  // records hold back every record behind them in their partition, overflow records hold nothing.
  const valve = new OverflowValve({
    budget,
    credits,
    pressedCredits: Math.max(1, Math.min(credits, Math.floor(concurrency / 4))),
  });
  const intake = new DeliveryIntake({
    deliveries: deps.deliveries,
    endpoints: deps.endpoints,
    executor,
    clock: deps.clock,
    logger: deps.logger,
    concurrency,
    maxInFlightPerTenant: deps.maxInFlightPerTenant,
    maxInFlightPerEndpoint: deps.maxInFlightPerEndpoint,
    budget,
    valve,
    stallMs: deps.stallMs,
    holdInMemoryMs: deps.holdInMemoryMs,
    maxUnfinishedPerPartition: deps.maxUnfinishedPerPartition ?? DELIVERIES_FETCH_BOUND,
    spill: (records) =>
      deps.log.append(
        'deliveries-overflow',
        records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      ),
  });
  const subscriptions: Subscription[] = [];
  let stopped: Promise<void> | undefined;

  async function shutdown(graceMs: number): Promise<void> {
    await intake.stop(graceMs);
    await executor.close(graceMs);
    await Promise.all(subscriptions.map((s) => s.stop({ graceMs: 0 })));
  }

  return {
    async start() {
      subscriptions.push(
        await deps.log.subscribe({
          groupId,
          topic: 'deliveries',
          maxUnfinishedPerPartition: deps.maxUnfinishedPerPartition ?? DELIVERIES_FETCH_BOUND,
          onRecords: (records) => intake.take((deps.telemetry ?? noTelemetry).dispatchRecords(records)),
        }),
      );
      // A group of its own: a Kafka group's members must all read the same topics. It starts paused;
      // the valve resumes it while there is room.
      const overflow = await deps.log.subscribe({
        groupId: `${groupId}-overflow`,
        topic: 'deliveries-overflow',
        maxUnfinishedPerPartition: credits,
        paused: true,
        onRecords: (records) => intake.take((deps.telemetry ?? noTelemetry).dispatchRecords(records)),
      });
      subscriptions.push(overflow);
      valve.attach(overflow);
    },
    stop(options = {}) {
      stopped ??= shutdown(options.graceMs ?? 10_000);
      return stopped;
    },
    stats: () => intake.stats(),
  };
}
