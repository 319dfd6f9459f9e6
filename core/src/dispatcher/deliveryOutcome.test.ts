import test from 'ava';
import type { DeliveryStatus } from '../domain/delivery.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { DeliveryState } from '../storage/DispatchRepository.js';
import { outcomeOfAttempt, outcomeWithoutSend } from './deliveryOutcome.js';
import type { SendResult } from './WebhookSender.js';

const now = Date.UTC(2026, 0, 1);
const record: DeliveryRecord = {
  v: 1,
  deliveryId: 'dlv_1',
  tenantId: 'tnt_1',
  endpointId: 'ep_1',
  eventId: 'evt_1',
  eventType: 'invoice.paid',
  payload: '{}',
  headers: {},
  eventCreatedAt: now,
  attempt: 0,
};
const state = (attemptCount: number): DeliveryState => ({
  id: 'dlv_1',
  tenantId: 'tnt_1',
  status: attemptCount === 0 ? 'pending' : 'retrying',
  attemptCount,
});
const answer = (statusCode: number | null, extra: Partial<SendResult> = {}): SendResult => ({
  startedAt: now,
  durationMs: 12,
  statusCode,
  responseHeaders: statusCode === null ? null : {},
  responseBodyExcerpt: null,
  error:
    statusCode !== null && statusCode >= 200 && statusCode < 300
      ? null
      : { code: 'non_2xx_status', message: `HTTP ${statusCode}` },
  egressAddress: null,
  ...extra,
});
const decide = (attemptCount: number, result: SendResult, retrySchedule: number[] | null = null) =>
  outcomeOfAttempt({
    state: state(attemptCount),
    record: { ...record, attempt: attemptCount },
    endpoint: { retrySchedule, url: 'https://receiver.example.test/hook' },
    requestHeaders: { 'webhook-id': 'evt_1' },
    result,
    now,
    random: () => 0.5,
  });

test('deliveryOutcome › a 2xx answer settles the delivery as succeeded and records the attempt', (t) => {
  const write = decide(0, answer(204));
  t.is(write.status, 'succeeded');
  t.is(write.nextAttemptAt, null);
  t.is(write.lastError, null);
  t.is(write.basedOnAttemptCount, 0);
  t.like(write.attempt, { attemptNumber: 1, statusCode: 204, errorCode: null, durationMs: 12 });
  t.regex(write.attempt?.id ?? '', /^att_/);
});

test('deliveryOutcome › a failure is retried at the next step of the schedule, then fails', (t) => {
  const table: [attemptCount: number, status: DeliveryStatus, next: number | null][] = [
    [0, 'retrying', now],
    [1, 'retrying', now + 5_000],
    [7, 'retrying', now + 36_000_000],
    [8, 'failed', null],
  ];
  for (const [attemptCount, status, next] of table) {
    const write = decide(attemptCount, answer(500));
    t.is(write.status, status, `after attempt ${attemptCount + 1}`);
    t.is(write.nextAttemptAt, next, `after attempt ${attemptCount + 1}`);
    t.like(write.attempt, { attemptNumber: attemptCount + 1, errorCode: 'non_2xx_status' });
    t.deepEqual(JSON.parse(write.lastError ?? 'null'), { code: 'non_2xx_status', message: 'HTTP 500' });
  }
  t.is(decide(1, answer(500), [60]).status, 'failed', "the endpoint's own schedule counts");
});

test('deliveryOutcome › Retry-After and the overload minimum reach the delivery', (t) => {
  t.is(decide(1, answer(503, { responseHeaders: { 'retry-after': '120' } })).nextAttemptAt, now + 120_000);
  t.is(decide(0, answer(429)).nextAttemptAt, now + 60_000);
  const timeout = answer(null, { error: { code: 'timeout', message: 'no answer' } });
  t.is(decide(0, timeout).nextAttemptAt, now + 60_000);
});

test('deliveryOutcome › 410 Gone fails the delivery and disables the endpoint', (t) => {
  const write = decide(2, answer(410));
  t.is(write.status, 'failed');
  t.is(write.nextAttemptAt, null);
  t.is(write.disableEndpoint, 'gone');
});

test('deliveryOutcome › without sending: deleted discards, disabled discards or fails, paused holds', (t) => {
  const table: [
    endpoint: { status: 'paused' | 'disabled' } | undefined,
    attempts: number,
    status: DeliveryStatus,
    next: number | null,
  ][] = [
    [undefined, 0, 'discarded', null],
    [undefined, 3, 'discarded', null],
    [{ status: 'disabled' }, 0, 'discarded', null],
    [{ status: 'disabled' }, 3, 'failed', null],
    [{ status: 'paused' }, 0, 'pending', now + 60_000],
    [{ status: 'paused' }, 3, 'retrying', now + 60_000],
  ];
  for (const [endpoint, attempts, status, next] of table) {
    const write = outcomeWithoutSend(state(attempts), record, endpoint, now, 60_000);
    const label = `${endpoint?.status ?? 'deleted'} after ${attempts} attempts`;
    t.is(write.status, status, label);
    t.is(write.nextAttemptAt, next, label);
    t.is(write.attempt, undefined, label);
    t.is(write.basedOnAttemptCount, attempts, label);
  }
});
