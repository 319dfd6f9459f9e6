import test from 'ava';
import type { SendResult } from '../WebhookSender.js';
import { DEFAULT_BREAKER_SETTINGS, FailureWindow, openPeriodMs } from './BreakerPolicy.js';

const T0 = Date.UTC(2026, 0, 1);
const result = (error: 'timeout' | 'non_2xx_status' | null): SendResult => ({
  startedAt: T0,
  durationMs: 1,
  statusCode: error === 'non_2xx_status' ? 500 : error === null ? 200 : null,
  responseHeaders: null,
  responseBodyExcerpt: null,
  error: error && { code: error, message: error },
  egressAddress: null,
});
const settings = DEFAULT_BREAKER_SETTINGS;

test('FailureWindow › the ratio opens only once the window holds the minimum count', (t) => {
  const w = new FailureWindow(settings.windowMs);
  for (let i = 0; i < 19; i++) w.record(result('non_2xx_status'), T0 + i);
  t.false(w.shouldOpen(settings, T0 + 19), '19 failures are below the minimum of 20 attempts');
  w.record(result(null), T0 + 19);
  t.true(w.shouldOpen(settings, T0 + 20), '19 of 20 failed');
});

test('FailureWindow › the minimum count and the ratio are both inclusive', (t) => {
  const w = new FailureWindow(settings.windowMs);
  for (let i = 0; i < 10; i++) w.record(result(null), T0);
  for (let i = 0; i < 9; i++) w.record(result('non_2xx_status'), T0);
  t.false(w.shouldOpen(settings, T0));
  w.record(result('non_2xx_status'), T0);
  t.true(w.shouldOpen(settings, T0));
});

test('FailureWindow › five timeouts in a row open it whatever the count; an answer breaks the run', (t) => {
  const w = new FailureWindow(settings.windowMs);
  for (let i = 0; i < 4; i++) w.record(result('timeout'), T0);
  w.record(result('non_2xx_status'), T0);
  for (let i = 0; i < 4; i++) w.record(result('timeout'), T0);
  t.false(w.shouldOpen(settings, T0));
  w.record(result('timeout'), T0);
  t.true(w.shouldOpen(settings, T0));
});

test('FailureWindow › failures older than the window no longer count', (t) => {
  const w = new FailureWindow(settings.windowMs);
  for (let i = 0; i < 30; i++) w.record(result('non_2xx_status'), T0);
  t.true(w.shouldOpen(settings, T0));
  t.false(w.shouldOpen(settings, T0 + settings.windowMs + 6_000));
  t.deepEqual(w.totals(T0 + settings.windowMs + 6_000), { ok: 0, failed: 0 });
});

test('FailureWindow › stored figures restore into a new window', (t) => {
  const w = new FailureWindow(settings.windowMs);
  for (let i = 0; i < 25; i++) w.record(result('non_2xx_status'), T0);
  const restored = new FailureWindow(settings.windowMs);
  restored.restore(w.toJSON(), 0, T0 + 1);
  t.true(restored.shouldOpen(settings, T0 + 1));
});

test('openPeriodMs › doubles per failed probe up to the cap', (t) => {
  t.deepEqual(
    [0, 1, 2, 3, 4, 40].map((n) => openPeriodMs(settings, n)),
    [30_000, 60_000, 120_000, 240_000, 300_000, 300_000],
  );
});
