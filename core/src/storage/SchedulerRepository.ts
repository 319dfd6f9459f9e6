import type { DeliveryRecord } from '../domain/pipelineRecords.js';

/** A delivery the scheduler claimed: its record to append, or `null` when its event is no longer stored. */
export interface ClaimedDelivery {
  deliveryId: string;
  record: DeliveryRecord | null;
  /** The W3C trace context stored with its event, to carry on the appended record; absent untraced. */
  trace?: string;
}

/** Which deliveries a claim takes, at most `limit`, each claimed until `claimUntil`. */
export interface ClaimOptions {
  now: number;
  limit: number;
  claimUntil: number;
}

/**
 * The scheduler's claims on deliveries. A claim sets `claimed_until`; until then no other scheduler
 * claims the row, and a scheduler that crashes before releasing it only delays the row by the claim's
 * length. Claims never block each other (SKIP LOCKED on MySQL, one writer at a time on SQLite).
 */
export interface SchedulerRepository {
  /** Unsettled deliveries whose `next_attempt_at` has come, earliest first. */
  claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]>;
  /**
   * Unsettled deliveries with no `next_attempt_at`, no live claim, untouched since `untouchedSince`:
   * their record should long have been handled, so it is appended again (see docs/pipeline.md).
   */
  claimStranded(options: ClaimOptions & { untouchedSince: number }): Promise<ClaimedDelivery[]>;
  /**
   * After the append: clears `next_attempt_at` (the record is in the log now) and sets `claimed_until` to
   * `holdClaimUntil` (default `null`) on the rows still claimed with `claimedUntil`. A row the dispatcher
   * already handled no longer carries the claim and keeps what the dispatcher wrote.
   */
  release(
    deliveryIds: readonly string[],
    claimedUntil: number,
    now: number,
    holdClaimUntil?: number | null,
  ): Promise<void>;
  /** Claimed deliveries that cannot be sent because their event is gone: `failed`. */
  failClaimed(deliveryIds: readonly string[], claimedUntil: number, now: number): Promise<void>;
}
