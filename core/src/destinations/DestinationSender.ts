import { performance } from 'node:perf_hooks';
import type { DestinationOutcome } from '@caravan/destination-api';
import type { Clock } from '../domain/Clock.js';
import type { SendRequest, SendResult, WebhookSender } from '../dispatcher/WebhookSender.js';
import type { ProducerPool } from './ProducerPool.js';

/** Request headers that describe the HTTP exchange, not the message: not written as attributes. */
const NOT_ATTRIBUTES = new Set(['user-agent']);

export interface DestinationSenderOptions {
  /** Sends the requests of endpoints that deliver over HTTP. */
  http: WebhookSender;
  producers: ProducerPool;
  clock: Clock;
}

/**
 * The dispatcher's transport choice: a request whose endpoint names a destination plugin is written
 * into the broker through the endpoint's producer (its signed headers as message attributes, its
 * body as the message); any other goes to the HTTP sender. The outcome comes back as the same
 * {@link SendResult} an HTTP attempt gives, so retries, limits, the breaker, health and operational
 * events treat both alike: `delivered` is a success; `retry` is a `destination_unavailable` failure
 * (its wait, when the broker asked for one, read like a `Retry-After`); `failed` is
 * `destination_rejected`, which the retry schedule does not retry.
 */
export class DestinationSender implements WebhookSender {
  constructor(private readonly options: DestinationSenderOptions) {}

  async send(request: SendRequest): Promise<SendResult> {
    const target = request.destination;
    if (!target) return this.options.http.send(request);
    const startedAt = this.options.clock.now();
    const t0 = performance.now();
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (!NOT_ATTRIBUTES.has(name)) attributes[name] = value;
    const outcome = await this.options.producers.send(target, {
      id: request.headers['webhook-id'] ?? '',
      key: target.endpointId,
      body: request.body,
      attributes,
    });
    return toSendResult(outcome, startedAt, Math.max(0, Math.round(performance.now() - t0)));
  }

  async close(): Promise<void> {
    await Promise.all([this.options.producers.close(), this.options.http.close()]);
  }
}

/** A producer's outcome as an attempt's result. */
export function toSendResult(outcome: DestinationOutcome, startedAt: number, durationMs: number): SendResult {
  const base = { startedAt, durationMs, statusCode: null, egressAddress: null };
  switch (outcome.kind) {
    case 'delivered':
      return {
        ...base,
        responseHeaders: null,
        responseBodyExcerpt:
          outcome.brokerMessageId === undefined
            ? null
            : JSON.stringify({ messageId: outcome.brokerMessageId }),
        error: null,
      };
    case 'retry':
      return {
        ...base,
        responseHeaders:
          outcome.delayMs === undefined ? null : { 'retry-after': String(Math.ceil(outcome.delayMs / 1000)) },
        responseBodyExcerpt: null,
        error: { code: 'destination_unavailable', message: outcome.reason.slice(0, 1000) },
      };
    case 'failed':
      return {
        ...base,
        responseHeaders: null,
        responseBodyExcerpt: null,
        error: { code: 'destination_rejected', message: outcome.reason.slice(0, 1000) },
      };
  }
}
