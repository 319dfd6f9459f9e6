import type { DispatchBudget } from './DispatchBudget.js';

/** The part of a subscription the valve drives. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

export interface OverflowValveOptions {
  budget: DispatchBudget;
  /**
   * Records read back from `deliveries-overflow` in hand at most while the main topic has room and no
   * consumer waits for it (default 800).
   */
  credits?: number;
  /** The same while the main topic is pressed: a consumer waits for room or half the budget is used (default 200). */
  pressedCredits?: number;
}

/**
 * Reads `deliveries-overflow` back as slots and room free, by pausing and resuming its subscription: a
 * pull with credits, never on a timetable and never all at once. Each record finished gives its credit
 * back. The main topic goes first: while it is pressed (a consumer waits for room, or half the budget is
 * used) overflow keeps only `pressedCredits` records in hand, a few requests' worth, and those it keeps
 * even when the budget is full, so spilled work always gets slots that nobody else uses; otherwise up
 * to `credits`, so a spilled tenant gets whatever capacity nobody else uses.
 */
export class OverflowValve {
  #subscription: Pausable | undefined;
  #paused = true;
  #inHand = 0;
  #closed = false;
  readonly #credits: number;
  readonly #pressedCredits: number;

  constructor(private readonly options: OverflowValveOptions) {
    this.#credits = options.credits ?? 800;
    this.#pressedCredits = Math.min(this.#credits, options.pressedCredits ?? 200);
  }

  /** Records read back and not finished yet. */
  get inHand(): number {
    return this.#inHand;
  }

  /** Whether the overflow subscription is paused now. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Drives `subscription`, which must have started paused. */
  attach(subscription: Pausable): void {
    this.#subscription = subscription;
    this.#paused = true;
    this.update();
  }

  /** `n` overflow records were handed over. */
  taken(n: number): void {
    this.#inHand += n;
    this.update();
  }

  /** One overflow record finished (done, or dropped): its credit comes back. */
  finished(): void {
    this.#inHand = Math.max(0, this.#inHand - 1);
    this.update();
  }

  /** Pauses for good (the dispatcher stops). */
  close(): void {
    this.#closed = true;
    this.update();
  }

  /** Pauses or resumes after anything the decision depends on changed. */
  update(): void {
    const subscription = this.#subscription;
    if (!subscription) return;
    const { budget } = this.options;
    const pressed = budget.waiting > 0 || budget.used >= budget.budgetBytes / 2;
    const credits = pressed ? this.#pressedCredits : this.#credits;
    // The pressed credits are always granted, even with the budget full: a budget full of work held
    // back by caps must not keep the spilled tenants from the free slots (a bounded overshoot).
    const pause =
      this.#closed || this.#inHand >= credits || (this.#inHand >= this.#pressedCredits && !budget.hasRoom());
    if (pause === this.#paused) return;
    this.#paused = pause;
    if (pause) subscription.pause();
    else subscription.resume();
  }
}
