import type { Clock } from '../domain/Clock.js';
import type { Endpoint } from '../domain/endpoint.js';
import type { InternalLog, Subscription } from '../log/InternalLog.js';
import { noTelemetry, type Logger, type Telemetry } from '../observability/index.js';
import type { DispatchRepository } from '../storage/DispatchRepository.js';
import { DeliveryExecutor } from './DeliveryExecutor.js';
import { DeliveryIntake } from './DeliveryIntake.js';
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
   * Deliveries of one tenant in hand (queued or sending) in this process at most (default a quarter of
   * `maxUnfinishedPerPartition`). Past it, a delivery is parked without an attempt (at least
   * `overflowParkMs`, default 2 s, spaced at the pace the tenant's deliveries complete: `OverflowSchedule`),
   * so a tenant's backlog or hung endpoint never fills a partition's window (a paused Kafka partition
   * resumes at half of it) and other tenants' records behind it are read at once.
   */
  maxInHandPerTenant?: number;
  overflowParkMs?: number;
  /** Records of one partition in hand at most (default 1000); see `SubscribeOptions`. */
  maxUnfinishedPerPartition?: number;
  /** Outcomes are stored every `flushIntervalMs` (default 50) or `flushMaxRows` (default 100). */
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
   * parks the delivery until the gate says, without an attempt.
   */
  gates?: readonly SendGate[];
  /**
   * A refusal whose wait is at most this long (default 1 s: a rate limiter's window) is waited out in
   * memory, on a timer, and the delivery is tried again then; a longer one is parked in the database.
   * Parking a short wait would add the scheduler's round trip to every limited delivery, so a limited
   * endpoint would run below its limit.
   */
  holdInMemoryMs?: number;
  /** Jitter source of the retry schedule. */
  random?: () => number;
  groupId?: string;
  /** Where attempts are counted, timed and traced, and the records in hand counted. */
  telemetry?: Telemetry;
}

/** A running dispatcher role. */
export interface DeliveryDispatcher {
  start(): Promise<void>;
  /**
   * Takes no more records, lets requests in flight finish for up to `graceMs` (default 10 s), stores
   * their outcomes and leaves the consumer group. Records not finished by then are sent again by the
   * partition's next owner.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/**
 * The dispatcher role: consumes `deliveries` into a {@link DeliveryIntake} (stale check, fair queues,
 * what waits in memory and what is parked), which runs each current delivery through a
 * {@link DeliveryExecutor} (gates, signing, sending, outcomes stored in batches).
 *
 * No head-of-line blocking: the intake only checks the batch's delivery rows and queues its records; it
 * returns without waiting for any request. Each record is marked done on its own once its outcome is
 * stored, so a slow endpoint holds back the partition's commit point, never the delivery of the other
 * endpoints' records behind it.
 *
 * Fairness between tenants: the queue takes tenants in turn, then their endpoints in turn, with running
 * caps per tenant and per endpoint, and a tenant's deliveries waiting in memory are bounded; past that bound
 * they are parked in the database, so a tenant's backlog, slow endpoint or retry storm never fills a
 * partition's window and another tenant's records are read and sent at once.
 */
export function createDispatcher(deps: DispatcherDeps): DeliveryDispatcher {
  const maxUnfinished = deps.maxUnfinishedPerPartition ?? 1000;
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
  const intake = new DeliveryIntake({
    deliveries: deps.deliveries,
    endpoints: deps.endpoints,
    executor,
    clock: deps.clock,
    logger: deps.logger,
    concurrency: deps.concurrency,
    maxInFlightPerTenant: deps.maxInFlightPerTenant,
    maxInFlightPerEndpoint: deps.maxInFlightPerEndpoint,
    maxInHandPerTenant: deps.maxInHandPerTenant ?? Math.max(1, Math.floor(maxUnfinished / 4)),
    overflowParkMs: deps.overflowParkMs,
    holdInMemoryMs: deps.holdInMemoryMs,
  });
  let subscription: Subscription | undefined;
  let stopped: Promise<void> | undefined;

  async function shutdown(graceMs: number): Promise<void> {
    await intake.stop(graceMs);
    await executor.close(graceMs);
    await subscription?.stop({ graceMs: 0 });
  }

  return {
    async start() {
      subscription = await deps.log.subscribe({
        groupId: deps.groupId ?? 'caravan-dispatcher',
        topic: 'deliveries',
        maxUnfinishedPerPartition: maxUnfinished,
        onRecords: (records) => intake.take((deps.telemetry ?? noTelemetry).dispatchRecords(records)),
      });
    },
    stop(options = {}) {
      stopped ??= shutdown(options.graceMs ?? 10_000);
      return stopped;
    },
  };
}
