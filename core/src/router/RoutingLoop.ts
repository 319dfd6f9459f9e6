import type { Clock } from '../domain/Clock.js';
import type { EventRecord } from '../domain/pipelineRecords.js';
import type { InternalLog, LogRecord, LogTopic, Subscription } from '../log/InternalLog.js';
import { TRACEPARENT_HEADER, type Logger, type Telemetry } from '../observability/index.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { RouterWindow, type WindowItem } from './RouterWindow.js';
import { routeEvents, type FanOutChunkLimits } from './routeEvents.js';
import type { TenantEndpointsCache } from './TenantEndpointsCache.js';

/** How one router routes; see `RouterDeps` for each setting. */
export interface RoutingLoopSettings {
  batchSize: number;
  batchBytes: number;
  concurrency: number;
  maxHandoversPerPartition: number;
  /** Unfinished records that make a partition full: half of what the log fetches for it. */
  fullRecords: number;
  activeTenantMs: number;
  behindMs: number;
  retryBackoffMs: number;
  fanOutChunk?: FanOutChunkLimits;
}

export interface RoutingLoopDeps {
  log: InternalLog;
  repository: RoutingRepository;
  endpoints: TenantEndpointsCache;
  clock: Clock;
  logger: Logger;
  settings: RoutingLoopSettings;
  /** Decodes an `events` record; throws on one that cannot be routed. */
  decode(value: Buffer): EventRecord;
  stats: RouterStats;
  /** Where each routed event's span goes. */
  telemetry?: Telemetry | undefined;
}

/** Counters since the router was created, for tests, benchmarks and metrics. */
export interface RouterStats {
  /** `events` and `events-overflow` records finished (routed, skipped as copies, or undecodable). */
  records: number;
  /** Events inserted. */
  events: number;
  deliveries: number;
  /** Delivery records appended to `deliveries`. */
  appended: number;
  /** Records that could not be decoded and were dropped. */
  undecodable: number;
  /** `events` records moved aside to `events-overflow` (finished there, routed when read back). */
  movedAside: number;
  /** `events-overflow` records handed to this router. */
  fromOverflow: number;
}

/**
 * One start of a router: the records its subscriptions hand over go into one window, and routing
 * batches are taken from it tenant by tenant, a few at a time.
 *
 * `onRecords` returns as soon as the records are in the window, unless the partition already has
 * `maxHandoversPerPartition` calls unfinished: then it waits for the oldest to finish. The log commits
 * below the oldest record not done, so a partition has at most that many batches in flight and a crash
 * loses nothing. A batch that fails is routed again after a back-off (every write is idempotent) until
 * it succeeds or the router stops; its records are then delivered again to the next owner.
 */
export class RoutingLoop {
  private readonly window: RouterWindow;
  private inFlight = 0;
  /** Whether the slot kept for quiet tenants is routing a batch. */
  private quietInFlight = false;
  private closed = false;
  private overflow: Subscription | undefined;
  private overflowPaused = false;
  private readonly closing: Promise<void>;
  private close!: () => void;

  constructor(private readonly deps: RoutingLoopDeps) {
    this.window = new RouterWindow({
      maxHandoversPerPartition: deps.settings.maxHandoversPerPartition,
      clock: deps.clock,
      activeTenantMs: deps.settings.activeTenantMs,
      fullRecords: deps.settings.fullRecords,
    });
    this.closing = new Promise((resolve) => (this.close = resolve));
  }

  /** The `onRecords` of both subscriptions, to `events` and to `events-overflow`. */
  readonly onRecords = async (records: readonly LogRecord[]): Promise<void> => {
    if (this.closed) return;
    const items: Omit<WindowItem, 'handover'>[] = [];
    for (const record of records) {
      try {
        const trace = record.headers[TRACEPARENT_HEADER];
        items.push({ record, event: { ...this.deps.decode(record.value), ...(trace ? { trace } : {}) } });
      } catch (error) {
        // A record this version cannot read would be redelivered forever and block its partition.
        this.deps.logger.error(
          { err: error, partition: record.partition, offset: record.offset, key: record.key },
          'dropping an events record that cannot be decoded',
        );
        this.deps.stats.undecodable++;
        this.deps.stats.records++;
        record.done();
      }
    }
    const first = records[0];
    if (items.length === 0 || !first) return;
    // Only records of the main topic are moved aside: a moved record is routed when read back.
    const main = first.topic === 'events';
    if (!main) this.deps.stats.fromOverflow += items.length;
    const { surplus } = this.window.add(
      first.topic,
      first.partition,
      items,
      main && this.overflow ? () => this.share(first) : undefined,
    );
    if (surplus.length > 0) void this.moveAside(surplus);
    this.pump();
    this.flowOverflow();
    await this.belowBound(first.topic, first.partition);
  };

  /**
   * Starts moving surplus aside onto `events-overflow`, read back through `subscription` (whose
   * `onRecords` is this loop's) at a share.
   */
  attachOverflow(subscription: Subscription): void {
    this.overflow = subscription;
    this.flowOverflow();
  }

  /** Ends routing: nothing more is taken or retried; batches being routed finish on their own. */
  stop(): void {
    this.closed = true;
    this.close();
  }

  private async belowBound(topic: LogTopic, partition: number): Promise<void> {
    for (;;) {
      const oldest = this.window.blockingHandover(topic, partition);
      if (!oldest || this.closed) return;
      await Promise.race([oldest.finished, this.closing]);
    }
  }

  /**
   * How many records of one partition a tenant keeps in hand, or none for no limit. While others are
   * active: an equal part of a batch. "Others" are the tenants whose records arrived within
   * `activeTenantMs`, not only those in hand.
   *
   * A tenant alone in sight keeps everything (work-conserving) while the router keeps up. Once the
   * partition is behind (the handover's first record was appended `behindMs` ago or more), it keeps one
   * batch: another tenant's records may sit behind this tenant's backlog in the same partition, out of
   * sight, and nothing would show them until the backlog ahead is routed. The rest is moved aside, so
   * the partition moves on at the pace of appends; the moved records are routed when read back.
   */
  private share(first: LogRecord): number | undefined {
    const { batchSize, behindMs } = this.deps.settings;
    const active = this.window.activeTenants();
    if (active >= 2) return Math.ceil(batchSize / active);
    return this.deps.clock.now() - first.timestamp >= behindMs ? batchSize : undefined;
  }

  /**
   * Appends surplus records, as they are, to `events-overflow` (same key, so the same partition number)
   * and marks them done here once that append is durable: the partition moves on to the records behind
   * them. A crash in between leaves them both here and there; both copies route the same event,
   * idempotently. If the append fails they are routed here after all.
   */
  private async moveAside(items: readonly WindowItem[]): Promise<void> {
    try {
      await this.deps.log.append(
        'events-overflow',
        items.map(({ record }) => ({ key: record.key, value: record.value, headers: record.headers })),
      );
      this.deps.stats.movedAside += items.length;
      this.window.finish(items, false);
    } catch (error) {
      if (this.closed) return;
      this.deps.logger.warn(
        { err: error, records: items.length },
        'moving records aside failed; routing them in turn instead',
      );
      this.window.restore(items);
      this.pump();
    }
    this.flowOverflow();
  }

  /**
   * Reads `events-overflow` at a share by pausing and resuming its subscription. While the main topic
   * is full (a partition at its bound, or its records waiting for a routing slot), overflow has at most
   * one handover in hand: moved records keep moving, yet the slots go to the main topic, whose records
   * hold back every record behind them in their partition. Otherwise overflow may hold a full round
   * (`concurrency` batches), so a tenant whose records were moved gets the capacity nobody else uses.
   * Once in the window, overflow records take turns with everyone else's, tenant by tenant.
   */
  private flowOverflow(): void {
    const overflow = this.overflow;
    if (!overflow || this.closed) return;
    const { batchSize, concurrency } = this.deps.settings;
    const mainFull = this.window.waiting('events') > 0 || this.window.anyFull('events');
    const limit = mainFull ? 1 : batchSize * concurrency;
    const pause = this.window.unfinished('events-overflow') >= limit;
    if (pause === this.overflowPaused) return;
    this.overflowPaused = pause;
    if (pause) overflow.pause();
    else overflow.resume();
  }

  private pump(): void {
    const { batchSize, batchBytes, concurrency } = this.deps.settings;
    while (!this.closed && this.inFlight < concurrency && this.window.waiting() > 0) {
      const batch = this.window.take(batchSize, batchBytes);
      // Everything waiting is a second record of an event being routed: it goes when that finishes.
      if (batch.length === 0) break;
      this.inFlight++;
      void this.route(batch).finally(() => {
        this.inFlight--;
        this.pump();
        this.flowOverflow();
      });
    }
    this.pumpQuiet();
  }

  /**
   * One slot beyond `concurrency`, for tenants with nothing being routed: while every slot routes
   * others' backlogs, a quiet tenant's records would otherwise wait for one of those batches to finish.
   * A tenant with records being routed is served by the other slots only, so one flood never has more
   * than `concurrency` batches in flight.
   */
  private pumpQuiet(): void {
    const { batchSize, batchBytes, concurrency } = this.deps.settings;
    if (this.closed || this.quietInFlight || this.inFlight < concurrency || !this.window.quietWaiting())
      return;
    const batch = this.window.take(batchSize, batchBytes, true);
    if (batch.length === 0) return;
    this.quietInFlight = true;
    void this.route(batch).finally(() => {
      this.quietInFlight = false;
      this.pump();
      this.flowOverflow();
    });
  }

  private async route(batch: readonly WindowItem[]): Promise<void> {
    const { stats, settings } = this.deps;
    for (let backoff = settings.retryBackoffMs; ; backoff = Math.min(backoff * 2, 30_000)) {
      try {
        const routed = await routeEvents(
          {
            log: this.deps.log,
            repository: this.deps.repository,
            endpoints: this.deps.endpoints,
            clock: this.deps.clock,
            ...(this.deps.telemetry ? { telemetry: this.deps.telemetry } : {}),
            ...(settings.fanOutChunk ? { fanOutChunk: settings.fanOutChunk } : {}),
          },
          batch.map((item) => item.event),
        );
        stats.events += routed.inserted;
        stats.deliveries += routed.deliveries;
        stats.appended += routed.appended;
        stats.records += batch.length;
        this.window.finish(batch, true);
        return;
      } catch (error) {
        if (this.closed) return;
        this.deps.logger.error(
          { err: error, records: batch.length, retryInMs: backoff },
          'routing a batch failed; routing it again',
        );
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, backoff))), this.closing]);
        clearTimeout(timer);
        if (this.closed) return;
      }
    }
  }
}
