import type { Clock } from '../domain/Clock.js';
import { encodeRecord } from '../domain/pipelineRecords.js';
import type { InternalLog } from '../log/InternalLog.js';
import { traceHeaders, type Logger } from '../observability/index.js';
import type { ClaimedDelivery, SchedulerRepository } from '../storage/SchedulerRepository.js';

export interface SchedulerDeps {
  log: InternalLog;
  deliveries: SchedulerRepository;
  clock: Clock;
  logger: Logger;
  /** Deliveries claimed and appended per round (default 500). */
  batchSize?: number;
  /** Pause between rounds that found less than a full batch (default 1 s). */
  intervalMs?: number;
  /**
   * How long a claim keeps other schedulers off a row (default 60 s): if this scheduler dies between the
   * claim and the append, the row is due again after it.
   */
  claimTtlMs?: number;
  /**
   * An unsettled delivery with nothing scheduled and untouched for this long is appended again
   * (default 30 min; `null` turns the rescue off). See docs/pipeline.md, "No delivery is stuck".
   */
  rescueAfterMs?: number | null;
  /** How often stranded deliveries are looked for (default 5 min). */
  rescueIntervalMs?: number;
}

/** A running scheduler role. */
export interface DeliveryScheduler {
  start(): void;
  /** Finishes the round in progress and stops. */
  stop(): Promise<void>;
  /** One round: claims due deliveries, appends their records, releases them. Resolves how many. */
  runOnce(): Promise<number>;
  /** One rescue round for stranded deliveries. Resolves how many were appended again. */
  rescueOnce(): Promise<number>;
}

/**
 * The scheduler role: moves deliveries whose `next_attempt_at` has come back into the `deliveries`
 * topic. Order matters for at-least-once: claim (short transaction), append, and only then release
 * (clear `next_attempt_at`). A crash after the append but before the release only appends the record
 * again once the claim expires, which the dispatcher's stale check absorbs; no crash point loses a
 * delivery. Many schedulers may run at once: claims skip each other's rows.
 */
export function createScheduler(deps: SchedulerDeps): DeliveryScheduler {
  const { clock, logger } = deps;
  const batchSize = deps.batchSize ?? 500;
  const intervalMs = deps.intervalMs ?? 1_000;
  const claimTtlMs = deps.claimTtlMs ?? 60_000;
  const rescueAfterMs = deps.rescueAfterMs === undefined ? 30 * 60_000 : deps.rescueAfterMs;
  const rescueIntervalMs = deps.rescueIntervalMs ?? 5 * 60_000;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function append(claimed: ClaimedDelivery[], claimedUntil: number, holdClaimUntil: number | null) {
    const records = claimed.flatMap((c) => (c.record ? [c.record] : []));
    const orphans = claimed.filter((c) => !c.record).map((c) => c.deliveryId);
    if (records.length > 0) {
      await deps.log.append(
        'deliveries',
        claimed.flatMap(({ record, trace }) =>
          // The event's trace context rides along, so the attempt joins the event's trace.
          record
            ? [
                {
                  key: record.endpointId,
                  value: encodeRecord(record),
                  ...(trace ? { headers: traceHeaders(trace) } : {}),
                },
              ]
            : [],
        ),
      );
      await deps.deliveries.release(
        records.map((r) => r.deliveryId),
        claimedUntil,
        clock.now(),
        holdClaimUntil,
      );
    }
    if (orphans.length > 0) {
      logger.warn({ deliveryIds: orphans }, 'deliveries whose event is no longer stored are failed');
      await deps.deliveries.failClaimed(orphans, claimedUntil, clock.now());
    }
  }

  async function runOnce(): Promise<number> {
    const now = clock.now();
    const claimUntil = now + claimTtlMs;
    const claimed = await deps.deliveries.claimDue({ now, limit: batchSize, claimUntil });
    if (claimed.length > 0) await append(claimed, claimUntil, null);
    return claimed.length;
  }

  async function rescueOnce(): Promise<number> {
    if (rescueAfterMs === null) return 0;
    const now = clock.now();
    const claimUntil = now + claimTtlMs;
    const claimed = await deps.deliveries.claimStranded({
      now,
      limit: batchSize,
      claimUntil,
      untouchedSince: now - rescueAfterMs,
    });
    if (claimed.length === 0) return 0;
    logger.warn({ count: claimed.length }, 'appending stranded deliveries again');
    // The claim stays on for rescueAfterMs: if the first copy is merely waiting behind a backlog, the
    // row is not appended again at every round.
    await append(claimed, claimUntil, clock.now() + rescueAfterMs);
    return claimed.length;
  }

  async function forever(): Promise<void> {
    let nextRescue = clock.now() + rescueIntervalMs;
    while (running) {
      let full = false;
      try {
        full = (await runOnce()) >= batchSize;
        if (clock.now() >= nextRescue) {
          nextRescue = clock.now() + rescueIntervalMs;
          await rescueOnce();
        }
      } catch (error) {
        logger.error({ err: error }, 'scheduler round failed; trying again');
      }
      // A full batch means more are due: go on at once to catch up.
      if (!full && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = forever();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    runOnce,
    rescueOnce,
  };
}
