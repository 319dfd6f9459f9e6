import test from 'ava';
import {
  DEFAULT_RETRY_SCHEDULE,
  MAX_RETRY_AFTER_MS,
  nextRetry,
  parseRetryAfter,
  type FailedAttempt,
} from './RetrySchedule.js';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const middle = () => 0.5; // no jitter
const failure = (attempts: number, extra: Partial<FailedAttempt> = {}): FailedAttempt => ({
  attempts,
  statusCode: 500,
  errorCode: 'non_2xx_status',
  retryAfter: null,
  ...extra,
});

test('RetrySchedule › the default schedule retries immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', (t) => {
  const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => {
    const decision = nextRetry(failure(attempts), { schedule: null, now, random: middle });
    return decision.retry ? decision.delayMs / 1000 : 'gave up';
  });
  t.deepEqual(delays, [0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
  t.deepEqual(DEFAULT_RETRY_SCHEDULE, [0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
});

test('RetrySchedule › gives up after the last step', (t) => {
  t.deepEqual(nextRetry(failure(9), { schedule: null, now, random: middle }), { retry: false });
  t.deepEqual(nextRetry(failure(3), { schedule: [10, 20], now, random: middle }), { retry: false });
  t.deepEqual(nextRetry(failure(0), { schedule: null, now, random: middle }), { retry: false });
});

test('RetrySchedule › jitter spreads each delay by at most ±20 %', (t) => {
  const table: [random: number, seconds: number][] = [
    [0, 240],
    [0.25, 270],
    [0.5, 300],
    [0.999999, 360],
  ];
  for (const [random, seconds] of table) {
    const decision = nextRetry(failure(3), { schedule: null, now, random: () => random });
    t.true(decision.retry);
    if (decision.retry) t.is(Math.round(decision.delayMs / 1000), seconds, `random ${random}`);
  }
  const immediate = nextRetry(failure(1), { schedule: null, now, random: () => 0.9 });
  t.deepEqual(immediate, { retry: true, delayMs: 0 }, 'an immediate retry stays immediate');
});

test('RetrySchedule › an endpoint schedule replaces the default: entry n is the delay after attempt n', (t) => {
  const schedule = [1, 60, 3600];
  const delays = [1, 2, 3, 4].map((attempts) => {
    const decision = nextRetry(failure(attempts), { schedule, now, random: middle });
    return decision.retry ? decision.delayMs : null;
  });
  t.deepEqual(delays, [1000, 60_000, 3_600_000, null]);
});

test('RetrySchedule › Retry-After on 429 and 503 is honoured, clamped, and never shortens the schedule', (t) => {
  const table: [extra: Partial<FailedAttempt>, attempts: number, expectedMs: number][] = [
    [{ statusCode: 503, retryAfter: '120' }, 2, 120_000],
    [{ statusCode: 503, retryAfter: '1' }, 3, 300_000],
    [{ statusCode: 503, retryAfter: new Date(now + 90_000).toUTCString() }, 1, 90_000],
    [{ statusCode: 503, retryAfter: new Date(now - 90_000).toUTCString() }, 2, 5_000],
    [{ statusCode: 503, retryAfter: '99999999' }, 1, MAX_RETRY_AFTER_MS],
    [{ statusCode: 503, retryAfter: 'soon' }, 2, 5_000],
    [{ statusCode: 500, retryAfter: '120' }, 2, 5_000],
    [{ statusCode: 429, retryAfter: '600' }, 1, 600_000],
  ];
  for (const [extra, attempts, expectedMs] of table) {
    t.deepEqual(
      nextRetry(failure(attempts, extra), { schedule: null, now, random: middle }),
      { retry: true, delayMs: expectedMs },
      JSON.stringify(extra),
    );
  }
});

test('RetrySchedule › a timeout or a 429 waits at least 60 s', (t) => {
  const table: [extra: Partial<FailedAttempt>, attempts: number, expectedMs: number][] = [
    [{ statusCode: null, errorCode: 'timeout' }, 1, 60_000],
    [{ statusCode: 200, errorCode: 'timeout' }, 2, 60_000],
    [{ statusCode: 429 }, 1, 60_000],
    [{ statusCode: 429, retryAfter: '5' }, 2, 60_000],
    [{ statusCode: null, errorCode: 'timeout' }, 3, 300_000],
    [{ statusCode: null, errorCode: 'connection_failed' }, 2, 5_000],
    [{ statusCode: 503 }, 1, 0],
  ];
  for (const [extra, attempts, expectedMs] of table) {
    t.deepEqual(
      nextRetry(failure(attempts, extra), { schedule: null, now, random: middle }),
      { retry: true, delayMs: expectedMs },
      `${JSON.stringify(extra)} after attempt ${attempts}`,
    );
  }
});

test('RetrySchedule › a Retry-After does not extend the schedule past its last step', (t) => {
  t.deepEqual(
    nextRetry(failure(1, { statusCode: 503, retryAfter: '30' }), { schedule: [], now, random: middle }),
    { retry: false },
  );
});

test('RetrySchedule › parses Retry-After as delta-seconds or an HTTP-date only', (t) => {
  const table: [value: string, expected: number | undefined][] = [
    ['0', 0],
    [' 42 ', 42_000],
    ['Thu, 01 Jan 2026 12:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 12:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['2026-01-02', undefined],
    ['', undefined],
    ['tomorrow', undefined],
  ];
  for (const [value, expected] of table) t.is(parseRetryAfter(value, now), expected, JSON.stringify(value));
});

test('RetrySchedule › a message a broker refused is not retried; a broker’s wait is honoured', (t) => {
  const policy = { schedule: null, now: 0, random: () => 0.5 };
  t.deepEqual(
    nextRetry({ attempts: 1, statusCode: null, errorCode: 'destination_rejected', retryAfter: null }, policy),
    { retry: false },
  );
  t.deepEqual(
    nextRetry(
      { attempts: 1, statusCode: null, errorCode: 'destination_unavailable', retryAfter: '30' },
      policy,
    ),
    { retry: true, delayMs: 30_000 },
  );
});
