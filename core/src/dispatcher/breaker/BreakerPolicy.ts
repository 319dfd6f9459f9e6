import type { SendResult } from '../WebhookSender.js';

/** When an endpoint's circuit breaker opens, how long it stays open, and when a failing endpoint is disabled. */
export interface BreakerSettings {
  /** Length of the sliding window the failure ratio is taken over (default 60 s). */
  windowMs: number;
  /** Attempts the window must hold before the ratio may open the breaker (default 20). */
  minRequests: number;
  /** Share of failed attempts in the window that opens the breaker (default 0.5). */
  failureRatio: number;
  /** Timeouts or connection errors in a row that open the breaker whatever the ratio (default 5). */
  consecutiveErrors: number;
  /** How long the breaker stays open before its first half-open probe (default 30 s). */
  openMs: number;
  /** Each failed probe doubles the open period up to this (default 5 min). */
  maxOpenMs: number;
  /** An endpoint whose every attempt failed for this long is disabled (default 5 days). */
  disableAfterMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: Readonly<BreakerSettings> = Object.freeze({
  windowMs: 60_000,
  minRequests: 20,
  failureRatio: 0.5,
  consecutiveErrors: 5,
  openMs: 30_000,
  maxOpenMs: 300_000,
  disableAfterMs: 5 * 24 * 3_600_000,
});

// Timeouts and transport failures: the receiver is unreachable rather than answering badly, so a short
// run of them is enough to stop sending.
const UNREACHABLE: readonly string[] = [
  'timeout',
  'connection_failed',
  'dns_failed',
  'tls_failed',
  'destination_unavailable',
];

/** Whether a send result counts as unreachable (timeout or connection-level error). */
export function isUnreachable(result: SendResult): boolean {
  return result.error !== null && UNREACHABLE.includes(result.error.code);
}

/** The open period after `failedProbes` failed half-open probes: doubling from `openMs`, capped. */
export function openPeriodMs(settings: BreakerSettings, failedProbes: number): number {
  return Math.min(settings.maxOpenMs, settings.openMs * 2 ** Math.min(failedProbes, 30));
}

/** Stored form of a {@link FailureWindow}: `[bucketStart, successes, failures]` triples. */
export type WindowBuckets = [number, number, number][];

const BUCKETS = 10;

/**
 * Successes and failures of one endpoint over a sliding window, kept in ten buckets so memory stays
 * constant whatever the traffic. Old buckets fall out as time passes.
 */
export class FailureWindow {
  #buckets = new Map<number, { ok: number; failed: number }>();
  /** Unreachable results in a row (reset by any answer, success or not). */
  unreachableRun = 0;

  constructor(private readonly windowMs: number) {}

  get #bucketMs(): number {
    return Math.max(1, Math.ceil(this.windowMs / BUCKETS));
  }

  record(result: SendResult, now: number): void {
    const start = now - (now % this.#bucketMs);
    const bucket = this.#buckets.get(start) ?? { ok: 0, failed: 0 };
    if (result.error === null) bucket.ok++;
    else bucket.failed++;
    this.#buckets.set(start, bucket);
    this.unreachableRun = isUnreachable(result) ? this.unreachableRun + 1 : 0;
    this.#prune(now);
  }

  totals(now: number): { ok: number; failed: number } {
    this.#prune(now);
    let ok = 0;
    let failed = 0;
    for (const b of this.#buckets.values()) {
      ok += b.ok;
      failed += b.failed;
    }
    return { ok, failed };
  }

  /** Whether these figures open the breaker under `settings`. */
  shouldOpen(settings: BreakerSettings, now: number): boolean {
    if (this.unreachableRun >= settings.consecutiveErrors) return true;
    const { ok, failed } = this.totals(now);
    const n = ok + failed;
    return n >= settings.minRequests && failed / n >= settings.failureRatio;
  }

  /** Forgets every figure (the breaker closed or opened: a fresh start). */
  reset(): void {
    this.#buckets.clear();
    this.unreachableRun = 0;
  }

  toJSON(): WindowBuckets {
    return [...this.#buckets].map(([start, b]) => [start, b.ok, b.failed]);
  }

  /** Adds stored figures (another process's or a previous run's) to this window. */
  restore(buckets: WindowBuckets, unreachableRun: number, now: number): void {
    for (const [start, ok, failed] of buckets) {
      const b = this.#buckets.get(start) ?? { ok: 0, failed: 0 };
      this.#buckets.set(start, { ok: b.ok + ok, failed: b.failed + failed });
    }
    this.unreachableRun = Math.max(this.unreachableRun, unreachableRun);
    this.#prune(now);
  }

  #prune(now: number): void {
    for (const start of this.#buckets.keys()) {
      if (start + this.#bucketMs <= now - this.windowMs) this.#buckets.delete(start);
    }
  }
}
