import type { SigningSecret } from '../crypto/signature.js';
import type { Clock } from '../domain/Clock.js';
import type { Endpoint } from '../domain/endpoint.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { LogRecord } from '../log/InternalLog.js';
import { TRACEPARENT_HEADER, noTelemetry, type Logger, type Telemetry } from '../observability/index.js';
import type { DeliveryState, DeliveryWrite, DispatchRepository } from '../storage/DispatchRepository.js';
import { outcomeOfAttempt, outcomeParked, outcomeWithoutSend } from './deliveryOutcome.js';
import { liveSecrets, type DispatchTargets } from './EndpointCache.js';
import { passGates, type SendGate } from './SendGate.js';
import { buildWebhookRequest } from './webhookRequest.js';
import type { DestinationTarget, SendRequest, SendResult, WebhookSender } from './WebhookSender.js';
import { WriteBuffer } from './WriteBuffer.js';

/** A delivery the intake found current: its log record, decoded, and its row as read with the batch. */
export interface DeliveryInHand {
  record: DeliveryRecord;
  state: DeliveryState;
  /** The log record it came in (its headers carry the trace context). */
  logRecord?: Pick<LogRecord, 'headers'>;
}

/**
 * What became of one {@link DeliveryExecutor.execute}: its outcome was recorded (an attempt, or no send
 * because the endpoint is paused, disabled or gone), or a gate refused it and nothing was sent or recorded.
 */
export type Execution =
  | { kind: 'recorded' }
  | {
      kind: 'refused';
      /** When the refusing gate admits again (epoch ms), at least 1 ms ahead. */
      until: number;
      /** `until` less the time of the decision. */
      waitMs: number;
      /** The gate's machine reason (`tenant_rate_limit`, `breaker_open`, …). */
      reason: string;
      /** A rate limit's refusal: what it holds back (`GateRefusal.scope`). */
      scope?: 'tenant' | 'endpoint';
    };

export interface DeliveryExecutorDeps {
  /** Where outcomes are stored; only `write` is used. */
  deliveries: Pick<DispatchRepository, 'write'>;
  endpoints: DispatchTargets;
  sender: WebhookSender;
  clock: Clock;
  logger: Logger;
  /** `Caravan/<version>`. */
  userAgent: string;
  /** Checks in front of every send, asked in order (rate limits, concurrency, circuit breaker). */
  gates?: readonly SendGate[] | undefined;
  /** The egress routes of an endpoint (its pool's); none: sent directly. */
  egressFor?: ((endpoint: Endpoint) => Promise<SendRequest['egress']>) | undefined;
  /** How long a delivery to a paused endpoint waits before it is looked at again (default 60 s). */
  pausedRecheckMs?: number | undefined;
  /** Jitter source of the retry schedule. */
  random?: (() => number) | undefined;
  /** Outcomes are stored every `flushIntervalMs` (default 150) or `flushMaxRows` (default 500). */
  flushIntervalMs?: number | undefined;
  flushMaxRows?: number | undefined;
  /** Outcome batches written at the same time (default 4). */
  flushConcurrency?: number | undefined;
  /** Where each attempt is counted, timed and traced. */
  telemetry?: Telemetry | undefined;
}

/**
 * The dispatcher's executor: takes one delivery through the gates (rate limits, concurrency, circuit
 * breaker), signs and sends it, and records the outcome (attempt, retry time, endpoint disabled) through a
 * write buffer that stores outcomes in batches. It holds no queue and decides nothing about memory or
 * fairness: that is the intake's business.
 */
export class DeliveryExecutor {
  readonly #outcomes: WriteBuffer<DeliveryWrite>;
  readonly #pausedRecheckMs: number;

  constructor(private readonly deps: DeliveryExecutorDeps) {
    this.#pausedRecheckMs = deps.pausedRecheckMs ?? 60_000;
    this.#outcomes = new WriteBuffer<DeliveryWrite>({
      write: (batch) => deps.deliveries.write(batch),
      logger: deps.logger,
      // A batch is a few statements whatever its size: up to 500 rows, at least every 150 ms.
      flushIntervalMs: deps.flushIntervalMs ?? 150,
      maxBatch: deps.flushMaxRows ?? 500,
      maxConcurrentWrites: deps.flushConcurrency ?? 4,
    });
  }

  /**
   * Looks the endpoint up, asks the gates, sends, and queues the outcome for storing; `onStored` runs once
   * it is committed. A refusal records nothing. Rejects when the endpoint lookup or a gate's store fails
   * (the sender never throws); nothing was sent or recorded then.
   */
  async execute(delivery: DeliveryInHand, onStored: () => void): Promise<Execution> {
    const { record, state } = delivery;
    const target = await this.deps.endpoints.get(record.tenantId, record.endpointId);
    const now = this.deps.clock.now();
    const secrets = target ? liveSecrets(target, now) : [];
    // An endpoint always has a current secret; none means it was deleted between the two reads.
    const endpoint = secrets.length > 0 ? target?.endpoint : undefined;
    if (endpoint?.status !== 'active') {
      this.#outcomes.add(outcomeWithoutSend(state, record, endpoint, now, this.#pausedRecheckMs), onStored);
      return { kind: 'recorded' };
    }
    const gate = await passGates(this.deps.gates ?? [], { record, endpoint, now });
    if (!gate.admitted) {
      const waitMs = Math.max(1, gate.until - now);
      return {
        kind: 'refused',
        until: now + waitMs,
        waitMs,
        reason: gate.reason,
        ...(gate.scope ? { scope: gate.scope } : {}),
      };
    }
    let result: SendResult | undefined;
    const observed = (this.deps.telemetry ?? noTelemetry).attemptStarted(
      { ...record, attempt: record.attempt },
      delivery.logRecord?.headers[TRACEPARENT_HEADER],
    );
    try {
      const traceparent = endpoint.sendTraceparent ? observed.traceparent : undefined;
      const attempt = await this.#send(record, endpoint, secrets, now, traceparent, target?.destination);
      result = attempt.result;
      const write = this.#outcomeOf(delivery, endpoint, attempt.headers, attempt.result);
      observed.finished(attempt.result, write.status);
      this.#outcomes.add(write, onStored);
    } finally {
      gate.release(result ?? null);
    }
    return { kind: 'recorded' };
  }

  /** Signs and sends the delivery; answers the request's headers and what came back. */
  async #send(
    record: DeliveryRecord,
    endpoint: Endpoint,
    secrets: SigningSecret[],
    now: number,
    traceparent: string | undefined,
    destination: DestinationTarget | undefined,
  ): Promise<{ headers: Record<string, string>; result: SendResult }> {
    const request = buildWebhookRequest({
      record,
      url: endpoint.url,
      payloadFormat: endpoint.payloadFormat,
      endpointHeaders: traceparent ? { ...endpoint.headers, traceparent } : endpoint.headers,
      secrets,
      now,
      userAgent: this.deps.userAgent,
    });
    // The transport is chosen here: a broker destination goes to its plugin, without an egress route.
    const egress = destination ? undefined : await this.deps.egressFor?.(endpoint);
    const result = await this.deps.sender.send({
      ...request,
      timeoutMs: endpoint.timeoutMs,
      ...(egress ? { egress } : {}),
      ...(destination ? { destination } : {}),
    });
    return { headers: request.headers, result };
  }

  /** The delivery after the attempt; a 410 Gone also disables the endpoint for the records still to come. */
  #outcomeOf(
    { state, record }: DeliveryInHand,
    endpoint: Endpoint,
    requestHeaders: Record<string, string>,
    result: SendResult,
  ): DeliveryWrite {
    const write = outcomeOfAttempt({
      state,
      record,
      endpoint,
      requestHeaders,
      result,
      now: this.deps.clock.now(),
      ...(this.deps.random ? { random: this.deps.random } : {}),
    });
    if (write.disableEndpoint) {
      this.deps.endpoints.markDisabled(record.tenantId, record.endpointId, write.disableEndpoint);
      this.deps.logger.warn(
        { endpointId: record.endpointId, tenantId: record.tenantId },
        'endpoint answered 410 Gone; disabled',
      );
    }
    return write;
  }

  /**
   * Records the delivery as held back until `until` without an attempt (its status and attempt count
   * unchanged); the scheduler hands it back then. `onStored` runs once that is committed.
   */
  park(delivery: DeliveryInHand, until: number, onStored: () => void): void {
    this.#outcomes.add(
      outcomeParked(delivery.state, delivery.record, this.deps.clock.now(), until),
      onStored,
    );
  }

  /**
   * Takes no more outcomes and stores those it has, trying for up to `graceMs`; outcomes still unstored
   * then are dropped (their records were never marked done, so they come again).
   */
  close(graceMs: number): Promise<void> {
    return this.#outcomes.close(graceMs);
  }
}
