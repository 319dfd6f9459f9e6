import { pino } from 'pino';
import { systemClock, type Clock } from '../domain/Clock.js';
import { decodeEventRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { InternalLog, LogRecord, Subscription } from '../log/InternalLog.js';
import type { Logger } from '../observability/index.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { TenantEndpointsCache } from './TenantEndpointsCache.js';
import { routeEvents } from './routeEvents.js';

/** The consumer group every router process joins: the `events` partitions are shared among them. */
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
}

/** Counters since the router started, for tests, benchmarks and metrics. */
export interface RouterStats {
  /** `events` records finished (routed, skipped as copies, or undecodable). */
  records: number;
  /** Events inserted. */
  events: number;
  deliveries: number;
  /** Delivery records appended to `deliveries`. */
  appended: number;
  /** Records that could not be decoded and were dropped. */
  undecodable: number;
}

export interface Router {
  start(): Promise<void>;
  /** Stops consuming; routing in progress finishes (or is redelivered to another router). Idempotent. */
  stop(options?: { graceMs?: number }): Promise<void>;
  stats(): Readonly<RouterStats>;
}

/**
 * The router role: consumes `events` in the group `caravan-router`, persists events, creates deliveries
 * for the matching endpoints and appends them to `deliveries`. Each `onRecords` call (one partition's
 * batch) is routed with a handful of statements whatever its size: one read of persisted ids, cached
 * endpoints, one multi-row insert per table, one append. Records are marked done only after all of it is
 * durable; if any step fails the batch is delivered again and routed again, idempotently.
 */
export function createRouter(deps: RouterDeps): Router {
  const { repository } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? pino({ level: 'silent' });
  const endpoints = new TenantEndpointsCache({
    repository,
    clock,
    ttlMs: deps.endpointCacheTtlMs ?? 1000,
    maxTenants: deps.endpointCacheTenants ?? 10_000,
  });
  const stats: RouterStats = { records: 0, events: 0, deliveries: 0, appended: 0, undecodable: 0 };
  let subscription: Promise<Subscription> | undefined;

  const onRecords = async (records: readonly LogRecord[]) => {
    const decoded: EventRecord[] = [];
    for (const record of records) {
      try {
        decoded.push(decodeEvent(record.value));
      } catch (error) {
        // A record this version cannot read would be redelivered forever and block its partition.
        logger.error(
          { err: error, partition: record.partition, offset: record.offset, key: record.key },
          'dropping an events record that cannot be decoded',
        );
        stats.undecodable++;
      }
    }
    if (decoded.length > 0) {
      const routed = await routeEvents({ log: deps.log, repository, endpoints, clock }, decoded);
      stats.events += routed.inserted;
      stats.deliveries += routed.deliveries;
      stats.appended += routed.appended;
    }
    for (const record of records) record.done();
    stats.records += records.length;
  };

  return {
    async start() {
      subscription ??= deps.log.subscribe({
        groupId: deps.groupId ?? ROUTER_GROUP_ID,
        topic: 'events',
        onRecords,
        ...(deps.maxUnfinishedPerPartition
          ? { maxUnfinishedPerPartition: deps.maxUnfinishedPerPartition }
          : {}),
      });
      try {
        await subscription;
      } catch (error) {
        subscription = undefined;
        throw error;
      }
    },
    async stop(options) {
      const running = subscription;
      subscription = undefined;
      if (running) await (await running).stop(options);
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
