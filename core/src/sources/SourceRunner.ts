import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import type { Logger } from '../observability/index.js';
import type { Database } from '../storage/createDatabase.js';
import { KnexSourceLeases, type HeldLease } from '../storage/knex/KnexSourceLeases.js';
import { KnexSourceRepository } from '../storage/knex/KnexSourceRepository.js';
import type { DeliverDeps } from './deliverMessages.js';
import type { PluginRegistry } from './PluginRegistry.js';
import { SourceConsumerHost } from './SourceConsumerHost.js';

export interface SourceRunnerDeps {
  db: Database;
  registry: Pick<PluginRegistry, 'get'>;
  keyRing: KeyRing;
  ingest: DeliverDeps['ingest'];
  clock: Clock;
  logger: Logger;
  /** Unique per process (host:pid); shown as the source's `workerId`. */
  workerId: string;
  /** Lease length; renewed every third of it. A dead worker's sources move within about this long. */
  leaseMs: number;
  /** How often held sources are re-read for changes, pause and deletion. Default 2 s. */
  pollMs?: number;
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
 */
export function createSourceRunner(deps: SourceRunnerDeps): SourceRunner {
  const leases = new KnexSourceLeases({ db: deps.db, workerId: deps.workerId, leaseMs: deps.leaseMs });
  const repo = new KnexSourceRepository({ db: deps.db });
  const held = new Map<string, Held>();
  const hostDeps = {
    ...deps,
    deadLetters: repo,
    setLastError: (id: string, e: { code: string; message: string; at: number } | null) =>
      leases.setLastError(id, e),
  };
  let timers: NodeJS.Timeout[] = [];
  let running = false;
  let tick: Promise<void> = Promise.resolve();
  const log = deps.logger;

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
    for (const [id, entry] of [...held]) {
      if (!(await leases.renew(entry.lease, now))) {
        log.warn({ sourceId: id }, 'source lease lost; stopping its consumer');
        await drop(id, false);
      }
    }
    const { sources, liveWorkers, active } = await leases.claimable(now);
    const share = Math.ceil(active / liveWorkers);
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

  return {
    async start() {
      running = true;
      await serial(leaseTick);
      timers = [
        setInterval(() => void serial(leaseTick), Math.max(1, Math.floor(deps.leaseMs / 3))),
        setInterval(() => void serial(pollChanges), deps.pollMs ?? 2_000),
      ];
    },
    async stop({ release = true } = {}) {
      running = false;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await tick;
      await Promise.all([...held.keys()].map((id) => drop(id, release)));
    },
  };
}
