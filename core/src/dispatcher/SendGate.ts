import type { Endpoint } from '../domain/endpoint.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { SendResult } from './WebhookSender.js';

/** The delivery about to be sent, as a gate sees it. */
export interface GateRequest {
  record: DeliveryRecord;
  endpoint: Endpoint;
  now: number;
}

/** The gate lets the request through; `release` must be called once with the send's result. */
export interface GatePass {
  admitted: true;
  /** `result` is `null` when a later gate refused and nothing was sent. */
  release(result: SendResult | null): void;
}

/**
 * The gate holds the request back: the delivery is parked until `until` (epoch ms) without sending and
 * without spending an attempt; the scheduler hands it back to a dispatcher then.
 */
export interface GateRefusal {
  admitted: false;
  until: number;
  /** Short machine reason, for logs and metrics: `tenant_rate_limit`, `breaker_open`, … */
  reason: string;
  /**
   * Set by a rate limit: the refusal is flow control over the whole tenant or endpoint (a limiter's
   * window), so the dispatcher holds that tenant's or endpoint's queued deliveries in memory until `until`,
   * whatever the wait, instead of parking each one.
   */
  scope?: 'tenant' | 'endpoint';
}

/**
 * A check in front of every send (rate limits, concurrency, circuit breaker). The dispatcher asks its
 * gates in order; the first refusal parks the delivery and releases the passes already granted.
 * `acquire` may reject when its backing store fails; the dispatcher then retries the record later.
 */
export interface SendGate {
  readonly name: string;
  acquire(request: GateRequest): Promise<GatePass | GateRefusal>;
}

/** Asks each gate in turn; on a refusal releases what was granted so far. */
export async function passGates(
  gates: readonly SendGate[],
  request: GateRequest,
): Promise<{ admitted: true; release(result: SendResult | null): void } | GateRefusal> {
  const passes: GatePass[] = [];
  const releaseAll = (result: SendResult | null): void => {
    for (const pass of passes.splice(0)) pass.release(result);
  };
  try {
    for (const gate of gates) {
      const answer = await gate.acquire(request);
      if (!answer.admitted) {
        releaseAll(null);
        return answer;
      }
      passes.push(answer);
    }
  } catch (error) {
    releaseAll(null);
    throw error;
  }
  return { admitted: true, release: releaseAll };
}
