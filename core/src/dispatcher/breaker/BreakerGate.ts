import type { Clock } from '../../domain/Clock.js';
import type { AttemptError } from '../../domain/delivery.js';
import type { Endpoint } from '../../domain/endpoint.js';
import { newId } from '../../domain/ids.js';
import {
  isoTimestamp,
  tenantOfOperationsEndpoint,
  type OperationalEvent,
  type OperationalEventType,
} from '../../domain/operationalEvent.js';
import type { Logger } from '../../observability/index.js';
import type { BreakerRow, BreakerStore } from '../../storage/BreakerStore.js';
import type { GatePass, GateRefusal, GateRequest, SendGate } from '../SendGate.js';
import type { SendResult } from '../WebhookSender.js';
import {
  DEFAULT_BREAKER_SETTINGS,
  FailureWindow,
  openPeriodMs,
  type BreakerSettings,
} from './BreakerPolicy.js';

export interface BreakerGateDeps {
  store: BreakerStore;
  clock: Clock;
  logger: Logger;
  settings?: Partial<BreakerSettings>;
  /**
   * How long a read of the breaker row is trusted before it is read again (default 5 s): how soon a
   * state change made by another dispatcher is seen here. An endpoint's deliveries are keyed by its id,
   * so they normally reach one dispatcher, and one read per endpoint per period keeps the database load
   * flat however many deliveries go out.
   */
  refreshMs?: number;
  /** Window figures are stored every `flushIntervalMs` (default 1 s). */
  flushIntervalMs?: number;
  /** Told when this gate disabled an endpoint, so cached copies see it at once. */
  onDisabled?: (tenantId: string, endpointId: string) => void;
}

interface Entry {
  tenantId: string;
  row: BreakerRow | undefined;
  readAt: number;
  window: FailureWindow;
  lastError: AttemptError | null;
  /** `failing_since` as last known here; `undefined` until this process has seen a result. */
  failingSince: number | null | undefined;
  dirty: boolean;
  /** Whether the figures last stored held failures. */
  storedFailures: boolean;
  /** Store calls of this endpoint run one after another, in the order of the results. */
  chain: Promise<unknown>;
}

// A probe's claim lasts the request's timeout plus this margin; a dispatcher that dies mid-probe so
// only delays the next probe, it never leaves the breaker stuck half-open.
const PROBE_LEASE_MARGIN_MS = 5_000;

/**
 * The circuit breaker as a send gate (see docs/endpoints.md, "Circuit breaker"). Closed: every send
 * passes and its result is counted. Open: sends are parked until `next_probe_at`. Past it, exactly one
 * dispatcher wins the probe by a conditional update of the row; its result closes the breaker or opens
 * it again for a doubled period. Figures live in memory and are stored every second; state changes are
 * written at once, with their operational events, as compare-and-set updates shared by all dispatchers.
 */
export class BreakerGate implements SendGate {
  readonly name = 'breaker';
  readonly #settings: BreakerSettings;
  readonly #entries = new Map<string, Entry>();
  readonly #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: BreakerGateDeps) {
    this.#settings = { ...DEFAULT_BREAKER_SETTINGS, ...deps.settings };
    this.#timer = setInterval(() => void this.flush(), deps.flushIntervalMs ?? 1_000);
    this.#timer.unref();
  }

  async acquire({ endpoint, now }: GateRequest): Promise<GatePass | GateRefusal> {
    // The tenant's operations target has no endpoint row; its events retry like any delivery.
    if (tenantOfOperationsEndpoint(endpoint.id) !== undefined) return { admitted: true, release: () => {} };
    const entry = await this.#entry(endpoint, now);
    const row = entry.row;
    if (!row || row.state === 'closed') {
      return { admitted: true, release: (result) => result && this.#counted(entry, endpoint, result) };
    }
    const due = row.nextProbeAt ?? now;
    if (due > now) return { admitted: false, until: due, reason: 'breaker_open' };
    const lease = now + endpoint.timeoutMs + PROBE_LEASE_MARGIN_MS;
    if (!(await this.deps.store.claimProbe(endpoint.id, due, lease, now))) {
      // Another dispatcher probes: wait for its outcome (or its lease to run out).
      entry.row = await this.deps.store.get(endpoint.id);
      entry.readAt = now;
      const until = entry.row?.state === 'closed' ? now + 1 : (entry.row?.nextProbeAt ?? now + 1_000);
      return { admitted: false, until: Math.max(until, now + 1), reason: 'breaker_open' };
    }
    entry.row = { ...row, state: 'half_open', nextProbeAt: lease };
    return { admitted: true, release: (result) => result && this.#probed(entry, endpoint, lease, result) };
  }

  /** Stores the window figures of closed breakers that changed since the last flush. */
  flush(): Promise<void> {
    // One flush at a time, so `close` can wait for the one in progress.
    this.#flushing = this.#flushing.then(() => this.#flushOnce());
    return this.#flushing;
  }

  async #flushOnce(): Promise<void> {
    const now = this.deps.clock.now();
    for (const [endpointId, entry] of this.#entries) {
      if (!entry.dirty || (entry.row && entry.row.state !== 'closed')) continue;
      entry.dirty = false;
      // Successes alone tell nothing another process needs: no write for a healthy endpoint.
      const failing = entry.window.totals(now).failed > 0;
      if (!failing && !entry.storedFailures) continue;
      entry.storedFailures = failing;
      const figures = {
        window: entry.window.toJSON(),
        consecutiveFailures: entry.window.unreachableRun,
        lastError: entry.lastError && JSON.stringify(entry.lastError),
      };
      try {
        await this.deps.store.saveFigures({ tenantId: entry.tenantId, endpointId }, figures, now);
      } catch (error) {
        entry.dirty = true;
        this.deps.logger.warn({ err: error, endpointId }, 'breaker figures not stored');
      }
    }
  }

  /** Stops the flush timer; waits for state changes in progress and a last flush. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([...this.#entries.values()].map((e) => e.chain));
    await this.flush();
  }

  async #entry(endpoint: Endpoint, now: number): Promise<Entry> {
    let entry = this.#entries.get(endpoint.id);
    if (entry && now - entry.readAt < (this.deps.refreshMs ?? 5_000) && now >= entry.readAt) return entry;
    const first = !entry;
    if (!entry) {
      // Made before the first read, so concurrent first sends share one window.
      entry = {
        tenantId: endpoint.tenantId,
        row: undefined,
        readAt: -Infinity,
        window: new FailureWindow(this.#settings.windowMs),
        lastError: null,
        failingSince: undefined,
        dirty: false,
        storedFailures: false,
        chain: Promise.resolve(),
      };
      this.#entries.set(endpoint.id, entry);
    }
    const row = await this.deps.store.get(endpoint.id);
    // Figures another dispatcher (or this one before a restart) stored carry over.
    if (first && row?.state === 'closed') entry.window.restore(row.window, row.consecutiveFailures, now);
    // The row went away: the endpoint was resumed, which resets its failure tracking everywhere.
    if (entry.row && !row) {
      entry.window.reset();
      entry.failingSince = undefined;
      entry.lastError = null;
    }
    entry.row = row;
    entry.readAt = now;
    return entry;
  }

  #counted(entry: Entry, endpoint: Endpoint, result: SendResult): void {
    const now = this.deps.clock.now();
    entry.window.record(result, now);
    entry.dirty = true;
    if (result.error) entry.lastError = result.error;
    const open = result.error !== null && entry.window.shouldOpen(this.#settings, now);
    this.#then(entry, endpoint, async () => {
      await this.#failingSince(entry, endpoint, result, now);
      if (!open || (entry.row && entry.row.state !== 'closed')) return;
      const nextProbeAt = now + openPeriodMs(this.#settings, 0);
      const opened = await this.deps.store.open(
        { tenantId: endpoint.tenantId, endpointId: endpoint.id },
        { now, nextProbeAt, lastError: JSON.stringify(entry.lastError) },
        () =>
          this.#event(endpoint, 'endpoint.breaker_opened', now, {
            nextProbeAt: isoTimestamp(nextProbeAt),
            lastError: entry.lastError,
          }),
      );
      entry.window.reset();
      entry.row = await this.deps.store.get(endpoint.id);
      entry.readAt = now;
      if (opened) this.deps.logger.warn({ endpointId: endpoint.id, nextProbeAt }, 'circuit breaker opened');
    });
  }

  #probed(entry: Entry, endpoint: Endpoint, lease: number, result: SendResult): void {
    const now = this.deps.clock.now();
    if (result.error) entry.lastError = result.error;
    this.#then(entry, endpoint, async () => {
      if (result.error === null) {
        const since = entry.failingSince ?? endpoint.failingSince ?? entry.row?.openedAt ?? now;
        await this.deps.store.close(endpoint.id, lease, now, () =>
          this.#event(endpoint, 'endpoint.recovered', now, { failingSince: isoTimestamp(since) }),
        );
      } else {
        const next = now + openPeriodMs(this.#settings, (entry.row?.failedProbes ?? 0) + 1);
        await this.deps.store.probeFailed(endpoint.id, lease, next, now);
      }
      await this.#failingSince(entry, endpoint, result, now);
      entry.window.reset();
      entry.row = await this.deps.store.get(endpoint.id);
      entry.readAt = now;
    });
  }

  /** Keeps `failing_since` and disables the endpoint once it has failed for `disableAfterMs`. */
  async #failingSince(entry: Entry, endpoint: Endpoint, result: SendResult, now: number): Promise<void> {
    const target = { tenantId: endpoint.tenantId, endpointId: endpoint.id };
    // What this process knows and the endpoint as last loaded (at most a few seconds old) may disagree
    // when another dispatcher sent meanwhile: both conditional writes below settle it in the database.
    if (result.error === null) {
      if (entry.failingSince !== null || endpoint.failingSince !== null)
        await this.deps.store.clearFailing(target);
      entry.failingSince = null;
      return;
    }
    if (entry.failingSince == null || endpoint.failingSince === null) {
      entry.failingSince = await this.deps.store.markFailing(target, now);
    }
    if (entry.failingSince === null || now - entry.failingSince < this.#settings.disableAfterMs) return;
    const disabled = await this.deps.store.disableFailing(
      target,
      now - this.#settings.disableAfterMs,
      now,
      ({ failingSince }) =>
        this.#event(endpoint, 'endpoint.disabled', now, {
          reason: 'continuous_failure',
          failingSince: isoTimestamp(failingSince),
          lastError: entry.lastError,
        }),
    );
    if (disabled) {
      this.deps.onDisabled?.(endpoint.tenantId, endpoint.id);
      this.deps.logger.warn({ endpointId: endpoint.id }, 'endpoint failing continuously; disabled');
    }
  }

  #event(endpoint: Endpoint, type: OperationalEventType, now: number, data: Record<string, unknown>) {
    const event: OperationalEvent = {
      id: newId('oev', now),
      tenantId: endpoint.tenantId,
      type,
      data: { endpointId: endpoint.id, ownerId: endpoint.ownerId, ...data },
      createdAt: now,
    };
    return event;
  }

  #then(entry: Entry, endpoint: Endpoint, step: () => Promise<void>): void {
    entry.chain = entry.chain.then(step).catch((error: unknown) => {
      // The next result tries again; meanwhile the breaker keeps its last stored state.
      this.deps.logger.warn({ err: error, endpointId: endpoint.id }, 'circuit breaker state not stored');
    });
  }
}
