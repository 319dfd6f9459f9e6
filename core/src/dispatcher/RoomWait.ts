import type { DispatchBudget } from './DispatchBudget.js';

/** How often a partition waiting for room looks again whether the queued work is held back by caps. */
const RECHECK_MS = 100;
/** How long queued work must stay held back by caps before it is spilled. */
const HELD_BACK_MS = 300;

export interface RoomWaitDeps {
  budget: DispatchBudget;
  /** Whether the queued work cannot use the free slots now (see `DeliveryIntake`). */
  heldBack(): boolean;
  /** Jobs finished so far: the stall rule looks for progress. */
  finished(): number;
  /** Spills the heaviest tenant's queued surplus; false when there was nothing to spill. */
  spillHeldBack(): Promise<boolean>;
  /** With the budget full and nothing finished for this long, the surplus is spilled anyway. */
  stallMs: number;
  /** Resolves when the dispatcher stops. */
  stopped: Promise<void>;
  isStopping(): boolean;
}

/**
 * How a partition waits for room in the dispatcher's budget. Work held back by caps must not hold the
 * partitions behind it (they may hold another tenant's records, out of sight): when the queued work
 * cannot use the free slots for `HELD_BACK_MS` (every queued delivery at its endpoint's or tenant's cap,
 * or held by a rate limit), or when nothing has finished for `stallMs`, the heaviest tenant's queued
 * surplus is spilled, so the partition moves on. Work that can run is never spilled this way: its
 * partitions simply fetch no further until sends free room.
 */
export class RoomWait {
  /** Since when (`performance.now()`) the queued work has been held back by caps. */
  #heldBackSince: number | undefined;

  constructor(private readonly deps: RoomWaitDeps) {}

  /** Resolves once the budget has room, or the dispatcher stops. */
  async untilRoom(): Promise<void> {
    const { budget, stallMs } = this.deps;
    let stalledMs = 0;
    while (!this.deps.isStopping() && !budget.hasRoom()) {
      if (this.#heldBackFor() >= HELD_BACK_MS && (await this.deps.spillHeldBack())) continue;
      const finishedBefore = this.deps.finished();
      const tickMs = Math.min(RECHECK_MS, stallMs);
      let timer: NodeJS.Timeout | undefined;
      let ticked = false;
      const tick = new Promise((resolve) => (timer = setTimeout(resolve, tickMs))).then(
        () => (ticked = true),
      );
      await budget.whenRoom(Promise.race([tick, this.deps.stopped]));
      clearTimeout(timer);
      if (this.deps.isStopping() || budget.hasRoom()) continue;
      stalledMs = this.deps.finished() === finishedBefore && ticked ? stalledMs + tickMs : 0;
      if (stalledMs >= stallMs) {
        stalledMs = 0;
        await this.deps.spillHeldBack();
      }
    }
  }

  /**
   * How long the queued work has been held back by caps without a break (0 when it is not now), across
   * batches: once a backlog is found held back, each batch behind it is moved aside at once.
   */
  #heldBackFor(): number {
    if (!this.deps.heldBack()) {
      this.#heldBackSince = undefined;
      return 0;
    }
    const now = performance.now();
    this.#heldBackSince ??= now;
    return now - this.#heldBackSince;
  }
}
