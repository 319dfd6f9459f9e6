import type { Clock } from '../domain/Clock.js';
import { SETTLED_STATUSES } from '../domain/delivery.js';
import type { Endpoint } from '../domain/endpoint.js';
import { decodeDeliveryRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import type { InternalLog, LogRecord, Subscription } from '../log/InternalLog.js';
import type { Logger } from '../observability/index.js';
import type { DeliveryState, DeliveryWrite, DispatchRepository } from '../storage/DispatchRepository.js';
import { outcomeOfAttempt, outcomeParked, outcomeWithoutSend } from './deliveryOutcome.js';
import { liveSecrets, type DispatchTargets } from './EndpointCache.js';
import { FairQueue } from './FairQueue.js';
import { OverflowSchedule } from './OverflowSchedule.js';
import { passGates, type SendGate } from './SendGate.js';
import { buildWebhookRequest } from './webhookRequest.js';
import type { SendRequest, WebhookSender } from './WebhookSender.js';
import { WriteBuffer } from './WriteBuffer.js';

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

interface Job {
  group: string;
  key: string;
  logRecord: LogRecord;
  record: DeliveryRecord;
  state: DeliveryState;
  failures: number;
  run(): Promise<void>;
}

/**
 * The dispatcher role: consumes `deliveries`, skips stale and settled records, signs and sends, and
 * stores attempts and delivery states in batches.
 *
 * No head-of-line blocking: `onRecords` only checks the batch's delivery rows and queues its records; it
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
  const { clock, logger } = deps;
  const pausedRecheckMs = deps.pausedRecheckMs ?? 60_000;
  const concurrency = deps.concurrency ?? 200;
  const maxUnfinished = deps.maxUnfinishedPerPartition ?? 1000;
  const maxInHandPerTenant = deps.maxInHandPerTenant ?? Math.max(1, Math.floor(maxUnfinished / 4));
  const overflow = new OverflowSchedule({ clock, minDelayMs: deps.overflowParkMs ?? 2_000 });
  const perEndpoint = deps.maxInFlightPerEndpoint ?? Math.max(1, Math.floor(concurrency / 4));
  // Each endpoint's `maxConcurrency` as last loaded; read by the queue whenever the endpoint could start.
  const endpointCaps = new Map<string, number>();
  const queue = new FairQueue<Job>({
    concurrency,
    maxRunningPerGroup: deps.maxInFlightPerTenant ?? Math.max(1, Math.floor((concurrency * 3) / 4)),
    maxRunningOf: (endpointId) => Math.min(perEndpoint, endpointCaps.get(endpointId) ?? Infinity),
  });
  const buffer = new WriteBuffer<DeliveryWrite>({
    write: (batch) => deps.deliveries.write(batch),
    logger,
    ...(deps.flushIntervalMs !== undefined ? { flushIntervalMs: deps.flushIntervalMs } : {}),
    ...(deps.flushMaxRows !== undefined ? { maxBatch: deps.flushMaxRows } : {}),
    maxConcurrentWrites: deps.flushConcurrency ?? 4,
  });
  // Deliveries queued, sending or waiting for their write: a second copy of a record is not sent twice.
  const inFlight = new Set<string>();
  const holdInMemoryMs = deps.holdInMemoryMs ?? 1_000;
  // Deliveries per tenant waiting on a timer for a gate (see `holdInMemoryMs`).
  const waiting = new Map<string, number>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let subscription: Subscription | undefined;
  let stopping = false;
  let stopped: Promise<void> | undefined;

  async function decide(job: Job): Promise<DeliveryWrite | { waitMs: number }> {
    const { record, state } = job;
    const target = await deps.endpoints.get(record.tenantId, record.endpointId);
    const now = clock.now();
    const secrets = target ? liveSecrets(target, now) : [];
    // An endpoint always has a current secret; none means it was deleted between the two reads.
    const endpointNow = secrets.length > 0 ? target?.endpoint : undefined;
    if (endpointNow?.status !== 'active') {
      return outcomeWithoutSend(state, record, endpointNow, now, pausedRecheckMs);
    }
    const endpoint = endpointNow;
    const gate = await passGates(deps.gates ?? [], { record, endpoint, now });
    if (!gate.admitted) {
      const waitMs = Math.max(1, gate.until - now);
      if (waitMs <= holdInMemoryMs && !stopping) return { waitMs };
      return outcomeParked(state, record, now, now + waitMs);
    }
    const request = buildWebhookRequest({
      record,
      url: endpoint.url,
      endpointHeaders: endpoint.headers,
      secrets,
      now,
      userAgent: deps.userAgent,
    });
    let result;
    try {
      const egress = await deps.egressFor?.(endpoint);
      result = await deps.sender.send({
        ...request,
        timeoutMs: endpoint.timeoutMs,
        ...(egress ? { egress } : {}),
      });
    } finally {
      gate.release(result ?? null);
    }
    const write = outcomeOfAttempt({
      state,
      record,
      endpoint,
      requestHeaders: request.headers,
      result,
      now: clock.now(),
      ...(deps.random ? { random: deps.random } : {}),
    });
    if (write.disableEndpoint) {
      deps.endpoints.markDisabled(record.tenantId, record.endpointId, write.disableEndpoint);
      logger.warn(
        { endpointId: record.endpointId, tenantId: record.tenantId },
        'endpoint answered 410 Gone; disabled',
      );
    }
    return write;
  }

  /** Queues the job again after `ms`; it still counts as in hand for its tenant meanwhile. */
  function holdFor(job: Job, ms: number): void {
    const tenantId = job.record.tenantId;
    waiting.set(tenantId, (waiting.get(tenantId) ?? 0) + 1);
    const timer = setTimeout(() => {
      retryTimers.delete(timer);
      const left = (waiting.get(tenantId) ?? 1) - 1;
      if (left > 0) waiting.set(tenantId, left);
      else waiting.delete(tenantId);
      if (stopping) inFlight.delete(job.record.deliveryId);
      else queue.push(job);
    }, ms);
    retryTimers.add(timer);
  }

  async function run(job: Job): Promise<void> {
    try {
      const write = await decide(job);
      if ('waitMs' in write) {
        holdFor(job, write.waitMs);
        return;
      }
      overflow.completed(job.record.tenantId);
      buffer.add(write, () => {
        inFlight.delete(job.record.deliveryId);
        job.logRecord.done();
      });
    } catch (error) {
      // The sender never throws, so this is the endpoint lookup (the database): try the record again
      // later rather than leave it unfinished, which would hold the partition's commit point for good.
      if (stopping) {
        inFlight.delete(job.record.deliveryId);
        return;
      }
      const delay = Math.min(30_000, 250 * 2 ** job.failures++);
      logger.warn(
        { err: error, deliveryId: job.record.deliveryId, retryInMs: delay },
        'delivery not processed',
      );
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        queue.push(job);
      }, delay);
      retryTimers.add(timer);
    }
  }

  /** Loads the batch's endpoints (cached) so their `maxConcurrency` holds from their first request. */
  async function learnEndpointCaps(records: readonly DeliveryRecord[]): Promise<void> {
    const seen = new Map(records.map((r) => [r.endpointId, r.tenantId]));
    await Promise.all(
      [...seen].map(async ([endpointId, tenantId]) => {
        const max = (await deps.endpoints.get(tenantId, endpointId))?.endpoint.maxConcurrency;
        if (endpointCaps.size >= 10_000) endpointCaps.clear();
        if (max) endpointCaps.set(endpointId, max);
        else endpointCaps.delete(endpointId);
      }),
    );
  }

  async function onRecords(records: readonly LogRecord[]): Promise<void> {
    if (stopping) return;
    const decoded: { logRecord: LogRecord; record: DeliveryRecord }[] = [];
    for (const logRecord of records) {
      try {
        decoded.push({ logRecord, record: decodeDeliveryRecord(logRecord.value) });
      } catch (error) {
        logger.error(
          { err: error, partition: logRecord.partition, offset: logRecord.offset },
          'skipping a deliveries record this version cannot read',
        );
        logRecord.done();
      }
    }
    // One query for the batch. If it fails, the log hands the batch over again after a back-off.
    const states = await deps.deliveries.states(decoded.map((d) => d.record.deliveryId));
    for (const { record } of decoded) {
      const changedAt = states.get(record.deliveryId)?.endpointUpdatedAt;
      if (changedAt) deps.endpoints.noteVersion?.(record.tenantId, record.endpointId, changedAt);
    }
    await learnEndpointCaps(decoded.map((d) => d.record));
    for (const { logRecord, record } of decoded) {
      const state = states.get(record.deliveryId);
      const current =
        state !== undefined &&
        state.tenantId === record.tenantId &&
        !SETTLED_STATUSES.includes(state.status) &&
        state.attemptCount === record.attempt &&
        !inFlight.has(record.deliveryId);
      // Stale (already handled), settled, unknown, or a copy of a record in hand: nothing to do.
      if (!current) {
        logRecord.done();
        continue;
      }
      inFlight.add(record.deliveryId);
      if (queue.inHand(record.tenantId) + (waiting.get(record.tenantId) ?? 0) >= maxInHandPerTenant) {
        // Held in the database instead of in memory: the partition's window moves on (see above).
        const now = clock.now();
        buffer.add(outcomeParked(state, record, now, overflow.parkUntil(record.tenantId)), () => {
          inFlight.delete(record.deliveryId);
          logRecord.done();
        });
        continue;
      }
      const job: Job = {
        group: record.tenantId,
        key: record.endpointId,
        logRecord,
        record,
        state,
        failures: 0,
        run: () => run(job),
      };
      queue.push(job);
    }
  }

  async function shutdown(graceMs: number): Promise<void> {
    stopping = true;
    for (const timer of retryTimers) clearTimeout(timer);
    retryTimers.clear();
    // Records queued but not started stay unfinished; the partition's next owner sends them.
    for (const job of queue.drain()) inFlight.delete(job.record.deliveryId);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([queue.whenIdle(), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    await buffer.close(graceMs);
    await subscription?.stop({ graceMs: 0 });
  }

  return {
    async start() {
      subscription = await deps.log.subscribe({
        groupId: deps.groupId ?? 'caravan-dispatcher',
        topic: 'deliveries',
        maxUnfinishedPerPartition: maxUnfinished,
        onRecords,
      });
    },
    stop(options = {}) {
      stopped ??= shutdown(options.graceMs ?? 10_000);
      return stopped;
    },
  };
}
