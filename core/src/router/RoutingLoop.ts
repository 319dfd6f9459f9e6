import type { Clock } from '../domain/Clock.js';
import type { EventRecord } from '../domain/pipelineRecords.js';
import type { InternalLog, LogRecord, LogTopic } from '../log/InternalLog.js';
import type { Logger } from '../observability/index.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { RouterWindow, type WindowItem } from './RouterWindow.js';
import { routeEvents, type FanOutChunkLimits } from './routeEvents.js';
import type { TenantEndpointsCache } from './TenantEndpointsCache.js';

/** How one router routes; see `RouterDeps` for each setting. */
export interface RoutingLoopSettings {
  batchSize: number;
  concurrency: number;
  maxHandoversPerPartition: number;
  activeTenantMs: number;
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
  stats: {
    records: number;
    events: number;
    deliveries: number;
    appended: number;
    undecodable: number;
  };
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
  private closed = false;
  private readonly closing: Promise<void>;
  private close!: () => void;

  constructor(private readonly deps: RoutingLoopDeps) {
    this.window = new RouterWindow({
      maxHandoversPerPartition: deps.settings.maxHandoversPerPartition,
      clock: deps.clock,
      activeTenantMs: deps.settings.activeTenantMs,
    });
    this.closing = new Promise((resolve) => (this.close = resolve));
  }

  /** The `onRecords` of a subscription to `events`. */
  readonly onRecords = async (records: readonly LogRecord[]): Promise<void> => {
    if (this.closed) return;
    const items: Omit<WindowItem, 'handover'>[] = [];
    for (const record of records) {
      try {
        items.push({ record, event: this.deps.decode(record.value) });
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
    this.window.add(first.topic, first.partition, items);
    this.pump();
    await this.belowBound(first.topic, first.partition);
  };

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

  private pump(): void {
    const { batchSize, concurrency } = this.deps.settings;
    while (!this.closed && this.inFlight < concurrency && this.window.waiting() > 0) {
      const batch = this.window.take(batchSize);
      // Everything waiting is a second record of an event being routed: it goes when that finishes.
      if (batch.length === 0) return;
      this.inFlight++;
      void this.route(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
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
