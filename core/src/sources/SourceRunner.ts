import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import type { Logger, SourceBacklog, Telemetry } from '../observability/index.js';
import type { HeldLease, SourceLeases } from '../storage/SourceLeases.js';
import type { SourceMetricsStore } from '../storage/SourceMetricsStore.js';
import type { DeliverDeps } from './deliverMessages.js';
import type { SourcePlugins } from '../plugins/index.js';
import { SourceConsumerHost, type ConsumerHostDeps } from './SourceConsumerHost.js';
import { SourceCounters } from './SourceCounters.js';

export interface SourceRunnerDeps {
  /** This worker's leases (`Storage.sourceLeases`); a dead worker's sources move within about `leaseMs`. */
  leases: SourceLeases;
  /** Where rejected messages are kept (`Storage.sources`). */
  deadLetters: DeliverDeps['deadLetters'];
  /** Where per-source counters are added up (`Storage.sourceMetrics`). */
  metrics: SourceMetricsStore;
  registry: Pick<SourcePlugins, 'get'>;
  keyRing: KeyRing;
  ingest: DeliverDeps['ingest'];
  clock: Clock;
  logger: Logger;
  /** The SSRF guard on broker addresses (see `SourceConsumerHost`). */
  addressGuard: ConsumerHostDeps['addressGuard'];
  /** How often held sources are re-read for changes, pause and deletion. Default 2 s. */
  pollMs?: number;
  /** How often per-source counters are added to the stored totals. Default 2 s. */
  flushMs?: number;
  /** Where the held sources' broker backlogs are reported (`caravan_source_lag_messages`). */
  telemetry?: Telemetry;
}

export interface SourceRunner {
  start(): Promise<void>;
  /**
   * Stops every consumer (letting pending calls settle) and releases the leases. `release: false`
   * keeps the lease rows, as a crash would: other workers take the sources once they expire.
   */
  stop(options?: { release?: boolean }): Promise<void>;
}

interface Held {
  lease: HeldLease;
  host: SourceConsumerHost;
}

/**
 * The sources host of one worker process: leases sources in `source_leases` (claiming unleased or
 * expired ones up to a fair share, renewing every third of the lease), runs a consumer for each leased
 * running source, and follows the tenant's changes: a new version starts its consumer before the old
 * one stops; pause, deletion or a lost lease stops it.
 *
 * Fair share: each worker holds at most ceil(live sources / live workers), live workers being those
 * with a live heartbeat in `source_workers`. A worker above its share (because one joined) releases
 * the excess, which the newcomer claims: sources spread without an operator's help.
 */
export function createSourceRunner(deps: SourceRunnerDeps): SourceRunner {
  const { leases } = deps;
  const held = new Map<string, Held>();
  const counters = new SourceCounters(deps.metrics);
  const hostDeps = {
    ...deps,
    counters,
    setLastError: (id: string, e: { code: string; message: string; at: number } | null) =>
      leases.setLastError(id, e),
  };
  let timers: NodeJS.Timeout[] = [];
  let running = false;
  let tick: Promise<void> = Promise.resolve();
  const log = deps.logger;
  deps.telemetry?.sourceBacklog(async () => {
    const read = await Promise.all(
      [...held.values()].map(async ({ host }): Promise<SourceBacklog | undefined> => {
        const messages = await host.backlog(2_000);
        const { id, tenantId, type } = host.source;
        return messages === null ? undefined : { sourceId: id, tenantId, type, messages };
      }),
    );
    return read.filter((b) => b !== undefined);
  });

  // One chain: lease ticks and change polls never overlap, so a source is never started twice.
  const serial = (work: () => Promise<void>) => {
    tick = tick.then(work).catch((error: unknown) => log.error({ err: error }, 'source runner tick failed'));
    return tick;
  };

  async function drop(sourceId: string, release: boolean): Promise<void> {
    const entry = held.get(sourceId);
    if (!entry) return;
    held.delete(sourceId);
    await entry.host.stop();
    if (release) await leases.release(entry.lease).catch(() => {});
  }

  async function leaseTick(): Promise<void> {
    if (!running) return;
    const now = deps.clock.now();
    // Renewing the leases matters more than the heartbeat: a failed beat only skews the fair share.
    await leases
      .heartbeat(now)
      .catch((error: unknown) => log.warn({ err: error }, 'source worker heartbeat failed'));
    for (const [id, entry] of [...held]) {
      if (!(await leases.renew(entry.lease, now))) {
        log.warn({ sourceId: id }, 'source lease lost; stopping its consumer');
        await drop(id, false);
      }
    }
    const { sources, liveWorkers, active, loads } = await leases.claimable(now);
    const share = Math.ceil(active / liveWorkers);
    const floor = Math.floor(active / liveWorkers);
    let excess = held.size - share;
    // Within the ceiling, a worker above the floor still gives one source up while another worker is
    // below it and nothing is free to claim (4 sources on 2 + 2 + 0): the starved one picks it up.
    if (
      excess <= 0 &&
      held.size > floor &&
      sources.length === 0 &&
      [...loads.values()].some((n) => n < floor)
    )
      excess = 1;
    // Newest claims go first: the longest-held consumers keep running.
    for (const id of [...held.keys()].reverse().slice(0, Math.max(0, excess))) {
      log.info({ sourceId: id, share, liveWorkers }, 'above the fair share; handing the source over');
      await drop(id, true);
    }
    for (const source of sources) {
      if (held.size >= share || !running) break;
      const lease = await leases.claim(source.id, now);
      if (!lease) continue;
      const host = new SourceConsumerHost(hostDeps, source);
      held.set(source.id, { lease, host });
      await host.start();
    }
  }

  async function pollChanges(): Promise<void> {
    if (!running || held.size === 0) return;
    const current = await leases.sources([...held.keys()]);
    for (const [id, entry] of [...held]) {
      const source = current.get(id);
      if (!source || source.status === 'paused') {
        await drop(id, true);
      } else if (source.version !== entry.host.source.version) {
        const host = new SourceConsumerHost(hostDeps, source);
        await host.start(); // the new consumer runs before the old one stops: no gap
        held.set(id, { lease: entry.lease, host });
        await entry.host.stop();
      }
    }
  }

  async function flush(): Promise<void> {
    await counters
      .flush(deps.clock.now())
      .catch((error: unknown) =>
        log.warn({ err: error }, 'source counters not flushed; kept for the next try'),
      );
  }

  return {
    async start() {
      running = true;
      await serial(leaseTick);
      timers = [
        setInterval(() => void serial(leaseTick), Math.max(1, Math.floor(leases.leaseMs / 3))),
        setInterval(() => void serial(pollChanges), deps.pollMs ?? 2_000),
        setInterval(() => void serial(flush), deps.flushMs ?? 2_000),
      ];
    },
    async stop({ release = true } = {}) {
      running = false;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await tick;
      await Promise.all([...held.keys()].map((id) => drop(id, release)));
      await flush();
      if (release) await leases.leave().catch(() => {});
    },
  };
}
