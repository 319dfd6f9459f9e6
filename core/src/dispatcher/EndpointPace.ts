import type { Clock } from '../domain/Clock.js';

/** Weight of the latest request in an endpoint's average request duration. */
const WEIGHT = 0.2;
/** Endpoints come and go: past this many, the averages are forgotten rather than kept for every one. */
const MAX_ENDPOINTS = 50_000;

/**
 * How fast each endpoint works through its queue: its sends in flight and how long a request takes (the
 * moving average of finished sends, or how long the oldest send in flight has run if that is longer, so
 * an endpoint that has not answered yet is known to be slow before its first answer).
 */
export class EndpointPace {
  /** Start times of the sends in flight, per endpoint, by send. */
  readonly #inFlight = new Map<string, Map<object, number>>();
  readonly #average = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** A send to `endpointId` starts; `send` identifies it until `finished`. */
  started(endpointId: string, send: object): void {
    let sends = this.#inFlight.get(endpointId);
    if (!sends) this.#inFlight.set(endpointId, (sends = new Map<object, number>()));
    sends.set(send, this.clock.now());
  }

  /** The send ended; `answered` when a request was made (a gate's refusal says nothing of the endpoint). */
  finished(endpointId: string, send: object, answered: boolean): void {
    const sends = this.#inFlight.get(endpointId);
    const startedAt = sends?.get(send);
    if (!sends || startedAt === undefined) return;
    sends.delete(send);
    if (sends.size === 0) this.#inFlight.delete(endpointId);
    if (!answered) return;
    const took = this.clock.now() - startedAt;
    const average = this.#average.get(endpointId);
    if (average === undefined && this.#average.size >= MAX_ENDPOINTS) this.#average.clear();
    this.#average.set(endpointId, average === undefined ? took : average + WEIGHT * (took - average));
  }

  /**
   * How long the last of `queued` deliveries waiting for `endpointId` waits before its send starts, at
   * the endpoint's sends in flight and request duration; 0 with nothing in flight (nothing known yet).
   */
  startWaitMs(endpointId: string, queued: number): number {
    const sends = this.#inFlight.get(endpointId);
    if (!sends || sends.size === 0) return 0;
    const now = this.clock.now();
    let oldest = now;
    for (const startedAt of sends.values()) oldest = Math.min(oldest, startedAt);
    const perRequest = Math.max(this.#average.get(endpointId) ?? 0, now - oldest);
    return (queued / sends.size) * perRequest;
  }
}
