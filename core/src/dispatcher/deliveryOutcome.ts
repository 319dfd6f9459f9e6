import { encodeAttemptError } from '../domain/delivery.js';
import type { Endpoint } from '../domain/endpoint.js';
import { newId } from '../domain/ids.js';
import { tenantOfOperationsEndpoint } from '../domain/operationalEvent.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { DeliveryState, DeliveryWrite } from '../storage/DispatchRepository.js';
import { nextRetry } from './RetrySchedule.js';
import type { SendResult } from './WebhookSender.js';

/**
 * What becomes of a delivery whose endpoint is not `active`, without sending (the contract's
 * `EndpointStatus`): deleted → `discarded`; disabled → `discarded` if it was never sent, else `failed`;
 * paused → kept `pending`, no attempt spent, looked at again at `now + pausedRecheckMs`.
 */
export function outcomeWithoutSend(
  state: DeliveryState,
  record: DeliveryRecord,
  endpoint: Pick<Endpoint, 'status'> | undefined,
  now: number,
  pausedRecheckMs: number,
): DeliveryWrite {
  const base = {
    deliveryId: state.id,
    tenantId: state.tenantId,
    endpointId: record.endpointId,
    basedOnAttemptCount: state.attemptCount,
    updatedAt: now,
  };
  if (endpoint?.status === 'paused') return outcomeParked(state, record, now, now + pausedRecheckMs);
  const neverSent = state.attemptCount === 0;
  return {
    ...base,
    status: endpoint === undefined || neverSent ? 'discarded' : 'failed',
    nextAttemptAt: null,
  };
}

/**
 * The delivery held back without sending (endpoint paused, rate limited, breaker open): its status and
 * attempt count stay as they are and it is looked at again at `until`.
 */
export function outcomeParked(
  state: DeliveryState,
  record: DeliveryRecord,
  now: number,
  until: number,
): DeliveryWrite {
  return {
    deliveryId: state.id,
    tenantId: state.tenantId,
    endpointId: record.endpointId,
    basedOnAttemptCount: state.attemptCount,
    status: state.status,
    nextAttemptAt: until,
    updatedAt: now,
  };
}

export interface AttemptOutcomeInput {
  state: DeliveryState;
  record: DeliveryRecord;
  endpoint: Pick<Endpoint, 'retrySchedule' | 'url'> & Partial<Pick<Endpoint, 'ownerId'>>;
  requestHeaders: Record<string, string>;
  result: SendResult;
  now: number;
  random?: () => number;
}

/**
 * The delivery after an HTTP attempt: 2xx → `succeeded`; 410 Gone → `failed` and the endpoint disabled
 * (reason `gone`); anything else → `retrying` at the schedule's next step, or `failed` once it is used up.
 */
export function outcomeOfAttempt(input: AttemptOutcomeInput): DeliveryWrite {
  const { state, record, result, now } = input;
  const attemptNumber = state.attemptCount + 1;
  const write: DeliveryWrite = {
    deliveryId: state.id,
    tenantId: state.tenantId,
    endpointId: record.endpointId,
    basedOnAttemptCount: state.attemptCount,
    status: 'succeeded',
    nextAttemptAt: null,
    updatedAt: now,
    lastError: encodeAttemptError(result.error),
    attempt: {
      id: newId('att', result.startedAt),
      tenantId: state.tenantId,
      deliveryId: state.id,
      endpointId: record.endpointId,
      attemptNumber,
      trigger: record.trigger ?? 'scheduled',
      url: input.endpoint.url,
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      statusCode: result.statusCode,
      errorCode: result.error?.code ?? null,
      errorMessage: result.error?.message ?? null,
      requestHeaders: input.requestHeaders,
      responseHeaders: result.responseHeaders,
      responseBodyExcerpt: result.responseBodyExcerpt,
      egressAddress: result.egressAddress,
    },
  };
  if (result.error === null) return write;
  if (result.statusCode === 410) return { ...write, status: 'failed', disableEndpoint: 'gone' };
  const decision = nextRetry(
    {
      attempts: attemptNumber,
      statusCode: result.statusCode,
      errorCode: result.error.code,
      retryAfter: result.responseHeaders?.['retry-after'] ?? null,
    },
    {
      schedule: input.endpoint.retrySchedule,
      now,
      ...(input.random ? { random: input.random } : {}),
    },
  );
  if (decision.retry) return { ...write, status: 'retrying', nextAttemptAt: now + decision.delayMs };
  // The tenant hears of a delivery that used up its retries, unless it was itself an operational one.
  if (tenantOfOperationsEndpoint(record.endpointId) !== undefined) return { ...write, status: 'failed' };
  return {
    ...write,
    status: 'failed',
    operationalEvent: {
      id: newId('oev', now),
      tenantId: state.tenantId,
      type: 'delivery.exhausted',
      createdAt: now,
      data: {
        deliveryId: state.id,
        eventId: record.eventId,
        eventType: record.eventType,
        endpointId: record.endpointId,
        ownerId: input.endpoint.ownerId ?? null,
        attemptCount: attemptNumber,
        lastStatusCode: result.statusCode,
        lastError: { code: result.error.code, message: result.error.message.slice(0, 1024) },
      },
    },
  };
}
