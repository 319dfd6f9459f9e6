import { pino } from 'pino';
import { systemClock, type Clock } from '../domain/Clock.js';
import { decodeEventRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { InternalLog, Subscription } from '../log/InternalLog.js';
import type { Logger, Telemetry } from '../observability/index.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { TenantEndpointsCache } from './TenantEndpointsCache.js';
import type { FanOutChunkLimits } from './routeEvents.js';
import { RoutingLoop, type RouterStats, type RoutingLoopSettings } from './RoutingLoop.js';

export type { RouterStats } from './RoutingLoop.js';

/**
 * The consumer group every router process joins: the `events` partitions are shared among them. The
 * `events-overflow` partitions are shared in the group `<group>-overflow`.
 */
export const ROUTER_GROUP_ID = 'caravan-router';

export interface RouterDeps {
  log: InternalLog;
  /** Default `caravan-router`; every router of one installation must use the same group. */
  groupId?: string;
  /** Where events and their deliveries are persisted (`Storage.routing`). */
  repository: RoutingRepository;
  clock?: Clock;
  logger?: Logger;
  /** How long a tenant's endpoints are cached (see `TenantEndpointsCache`). Default 1000 ms. */
  endpointCacheTtlMs?: number;
  /** Most tenants whose endpoints are cached. Default 10 000. */
  endpointCacheTenants?: number;
  /** Passed to `subscribe` (records fetched but not routed yet, per partition). Default 1000. */
  maxUnfinishedPerPartition?: number;
  /** Most records routed together in one batch, across partitions and tenants. Default 500. */
  batchSize?: number;
  /**
   * Most bytes of event records routed together in one batch (a larger record goes alone). Default
   * 1 MiB: on SQLite each batch is one synchronous transaction, and a batch of 500 events near the
   * 1 MiB payload limit held the event loop that answers every tenant for seconds.
   */
  batchBytes?: number;
  /** Batches routed at once. Default 3. */
  concurrency?: number;
  /** `onRecords` calls of one partition unfinished at once, 1 to 3. Default 3. */
  maxHandoversPerPartition?: number;
  /** Bounds of one fan-out chunk. Default 1000 deliveries and 8 MiB of delivery records. */
  fanOutChunk?: FanOutChunkLimits;
  /** How long a tenant counts as active after its last records arrived. Default 5000 ms. */
  activeTenantMs?: number;
  /**
   * How long ago a handover's first record must have been appended for the router to count its partition
   * as behind: a tenant alone in sight then keeps one batch of that partition in hand and the rest is
   * moved aside, so records of other tenants behind its backlog come into sight. Default 1000 ms.
   */
  behindMs?: number;
  /** First wait before a failed batch is routed again; doubles up to 30 s. Default 500 ms. */
  retryBackoffMs?: number;
  /** Where each routed event's span goes (continuing the trace its record carried). */
  telemetry?: Telemetry;
}

export interface Router {
  start(): Promise<void>;
  /** Stops consuming; routing in progress finishes (or is redelivered to another router). Idempotent. */
  stop(options?: { graceMs?: number }): Promise<void>;
  stats(): Readonly<RouterStats>;
}

/**
 * The router role: consumes `events` in the group `caravan-router`, persists events, creates deliveries
 * for the matching endpoints and appends them to `deliveries`. The records of every owned partition go
 * into one window, from which batches are taken tenant by tenant (see `RoutingLoop`); each batch is
 * routed with a handful of statements whatever its size (see `routeEvents`). Records are marked done only
 * after all of it is durable; if any step fails the batch is routed again, idempotently.
 */
export function createRouter(deps: RouterDeps): Router {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? pino({ level: 'silent' });
  const endpoints = new TenantEndpointsCache({
    repository: deps.repository,
    clock,
    ttlMs: deps.endpointCacheTtlMs ?? 1000,
    maxTenants: deps.endpointCacheTenants ?? 10_000,
  });
  const maxHandoversPerPartition = deps.maxHandoversPerPartition ?? 3;
  if (
    !Number.isInteger(maxHandoversPerPartition) ||
    maxHandoversPerPartition < 1 ||
    maxHandoversPerPartition > 3
  ) {
    throw new RangeError(`maxHandoversPerPartition must be 1, 2 or 3, got ${maxHandoversPerPartition}`);
  }
  for (const [name, value] of Object.entries({
    batchSize: deps.batchSize,
    batchBytes: deps.batchBytes,
    concurrency: deps.concurrency,
  })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  const settings: RoutingLoopSettings = {
    batchSize: deps.batchSize ?? 500,
    batchBytes: deps.batchBytes ?? 1024 * 1024,
    concurrency: deps.concurrency ?? 3,
    maxHandoversPerPartition,
    fullRecords: Math.ceil((deps.maxUnfinishedPerPartition ?? 1000) / 2),
    activeTenantMs: deps.activeTenantMs ?? 5000,
    behindMs: deps.behindMs ?? 1000,
    retryBackoffMs: deps.retryBackoffMs ?? 500,
    ...(deps.fanOutChunk ? { fanOutChunk: deps.fanOutChunk } : {}),
  };
  const stats: RouterStats = {
    records: 0,
    events: 0,
    deliveries: 0,
    appended: 0,
    undecodable: 0,
    movedAside: 0,
    fromOverflow: 0,
  };
  let running: { loop: RoutingLoop; subscriptions: Promise<Subscription[]> } | undefined;

  return {
    async start() {
      if (!running) {
        const loop = new RoutingLoop({
          log: deps.log,
          repository: deps.repository,
          endpoints,
          clock,
          logger,
          settings,
          decode: decodeEvent,
          stats,
          telemetry: deps.telemetry,
        });
        const groupId = deps.groupId ?? ROUTER_GROUP_ID;
        const subscribe = (topic: 'events' | 'events-overflow', group: string) =>
          deps.log.subscribe({
            groupId: group,
            topic,
            onRecords: loop.onRecords,
            ...(deps.maxUnfinishedPerPartition
              ? { maxUnfinishedPerPartition: deps.maxUnfinishedPerPartition }
              : {}),
          });
        const subscriptions = Promise.allSettled([
          subscribe('events', groupId),
          // A group of its own: a Kafka group's members must all read the same topics.
          subscribe('events-overflow', `${groupId}-overflow`).then((overflow) => {
            loop.attachOverflow(overflow);
            return overflow;
          }),
        ]).then(async (results) => {
          const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
          const failed = results.find((r) => r.status === 'rejected');
          if (!failed) return started;
          await Promise.all(started.map((s) => s.stop({ graceMs: 0 })));
          throw failed.reason;
        });
        running = { loop, subscriptions };
      }
      const { loop, subscriptions } = running;
      try {
        await subscriptions;
      } catch (error) {
        if (running?.loop === loop) running = undefined;
        loop.stop();
        throw error;
      }
    },
    async stop(options) {
      const current = running;
      running = undefined;
      if (!current) return;
      try {
        // Routing carries on while the subscriptions wait for the records in hand to be done.
        await Promise.all((await current.subscriptions).map((s) => s.stop(options)));
      } finally {
        current.loop.stop();
      }
    },
    stats: () => ({ ...stats }),
  };
}

/** `decodeEventRecord` plus the fields routing relies on, so a malformed record fails here, not later. */
function decodeEvent(value: Buffer): EventRecord {
  const r = decodeEventRecord(value);
  const strings = [r.tenantId, r.eventType];
  const nullableStrings = [r.idempotencyKey, r.endpointId, r.ownerId, r.sourceId];
  if (
    strings.some((s) => typeof s !== 'string') ||
    nullableStrings.some((s) => s !== null && typeof s !== 'string') ||
    !Number.isSafeInteger(r.createdAt) ||
    typeof r.headers !== 'object' ||
    r.headers === null ||
    Object.values(r.headers).some((h) => typeof h !== 'string')
  ) {
    throw new Error(`malformed events record ${String(r.id)}`);
  }
  return r;
}
