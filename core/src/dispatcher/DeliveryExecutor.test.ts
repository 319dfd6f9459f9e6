import test from 'ava';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import { ManualClock } from '../domain/Clock.js';
import type { Endpoint } from '../domain/endpoint.js';
import { createLimiterStore } from '../limits/LimiterStore.js';
import { DeliveryExecutor, type DeliveryExecutorDeps } from './DeliveryExecutor.js';
import { endpointRateLimitGate } from './RateLimitGate.js';
import type { SendGate } from './SendGate.js';
import {
  MemoryDispatchRepository,
  MemoryDispatchTargets,
  ScriptedSender,
  stateOf,
  testEndpoint,
  testRecord,
} from './testing/memoryDispatch.js';
import type { SendResult } from './WebhookSender.js';

function setup(options: Partial<DeliveryExecutorDeps> = {}, endpoint: Partial<Endpoint> = {}) {
  const clock = new ManualClock(Date.now());
  const targets = new MemoryDispatchTargets();
  const deliveries = new MemoryDispatchRepository();
  const sender = new ScriptedSender();
  const ep = testEndpoint(endpoint);
  const secret = targets.add(ep);
  const executor = new DeliveryExecutor({
    deliveries,
    endpoints: targets,
    sender,
    clock,
    logger: pino({ level: 'silent' }),
    userAgent: 'Caravan/0.0.0-test',
    flushIntervalMs: 1,
    random: () => 0.5,
    ...options,
  });
  const record = testRecord(ep);
  const delivery = { record, state: stateOf(record) };
  deliveries.add(delivery.state);
  /** Executes the delivery; resolves with the execution and, when one was recorded, once it is stored. */
  const run = async () => {
    let stored!: () => void;
    const storedNow = new Promise<void>((resolve) => (stored = resolve));
    const execution = await executor.execute(delivery, stored);
    if (execution.kind === 'recorded') await storedNow;
    return execution;
  };
  return { clock, targets, deliveries, sender, endpoint: ep, secret, executor, record, delivery, run };
}

test('DeliveryExecutor › sends the signed payload to an active endpoint and stores the succeeded attempt', async (t) => {
  const s = setup({}, { headers: { 'x-tenant': 'acme' } });
  t.deepEqual(await s.run(), { kind: 'recorded' });
  const [request] = s.sender.requests;
  if (!request) return t.fail('nothing was sent');
  t.is(request.url, s.endpoint.url);
  t.is(request.timeoutMs, s.endpoint.timeoutMs);
  t.is(request.headers['user-agent'], 'Caravan/0.0.0-test');
  t.is(request.headers['x-tenant'], 'acme');
  t.deepEqual(new Webhook(s.secret).verify(request.body, request.headers), JSON.parse(s.record.payload));
  t.like(s.deliveries.rows.get(s.record.deliveryId), { status: 'succeeded', attemptCount: 1 });
  t.like(s.deliveries.written[0]?.attempt, { attemptNumber: 1, statusCode: 204, url: s.endpoint.url });
});

test('DeliveryExecutor › a failed attempt is stored as retrying at the next step of the schedule', async (t) => {
  const s = setup({}, { retrySchedule: [0, 60] });
  s.sender.answer = () => ({ statusCode: 500 });
  await s.run();
  const [write] = s.deliveries.written;
  t.like(write, { status: 'retrying', nextAttemptAt: s.clock.now() });
  t.like(s.deliveries.rows.get(s.record.deliveryId), { status: 'retrying', attemptCount: 1 });
});

test('DeliveryExecutor › a paused endpoint is not sent to; its delivery stays pending until the recheck', async (t) => {
  const s = setup({ pausedRecheckMs: 5_000 }, { status: 'paused' });
  t.deepEqual(await s.run(), { kind: 'recorded' });
  t.is(s.sender.requests.length, 0);
  t.like(s.deliveries.written[0], { status: 'pending', nextAttemptAt: s.clock.now() + 5_000 });
  t.is(s.deliveries.written[0]?.attempt, undefined);
});

test('DeliveryExecutor › a deleted endpoint, or one without a live secret, discards the delivery unsent', async (t) => {
  const gone = setup();
  gone.targets.targets.clear();
  await gone.run();
  const noSecret = setup();
  const target = noSecret.targets.targets.get(noSecret.endpoint.id)!;
  noSecret.targets.targets.set(noSecret.endpoint.id, {
    ...target,
    secrets: target.secrets.map((s) => ({ ...s, expiresAt: noSecret.clock.now() - 1 })),
  });
  await noSecret.run();
  for (const s of [gone, noSecret]) {
    t.is(s.sender.requests.length, 0);
    t.like(s.deliveries.rows.get(s.record.deliveryId), { status: 'discarded', attemptCount: 0 });
  }
});

test('DeliveryExecutor › 410 Gone fails the delivery and disables the endpoint at once', async (t) => {
  const s = setup();
  s.sender.answer = () => ({ statusCode: 410 });
  await s.run();
  t.deepEqual(s.targets.disabled, [{ endpointId: s.endpoint.id, reason: 'gone' }]);
  t.like(s.deliveries.written[0], { status: 'failed', disableEndpoint: 'gone' });
});

test('DeliveryExecutor › a gate refusal sends and records nothing, and answers when to come back', async (t) => {
  const released: (SendResult | null)[] = [];
  const gates: SendGate[] = [
    {
      name: 'first',
      acquire: () => Promise.resolve({ admitted: true, release: (r) => released.push(r) }),
    },
    {
      name: 'breaker',
      acquire: ({ now }) => Promise.resolve({ admitted: false, until: now + 30_000, reason: 'breaker_open' }),
    },
  ];
  const s = setup({ gates });
  t.deepEqual(await s.run(), {
    kind: 'refused',
    until: s.clock.now() + 30_000,
    waitMs: 30_000,
    reason: 'breaker_open',
  });
  t.is(s.sender.requests.length, 0);
  t.is(s.deliveries.written.length, 0);
  t.deepEqual(released, [null], 'the pass granted before the refusal is given back unused');
});

test('DeliveryExecutor › an endpoint rate limit admits perSecond sends, then refuses until its window ends', async (t) => {
  const gates = [endpointRateLimitGate({ store: createLimiterStore(null) })];
  const s = setup({ gates }, { rateLimit: { perSecond: 2, burst: 2 } });
  t.is((await s.executor.execute(s.delivery, () => {})).kind, 'recorded');
  t.is((await s.executor.execute(s.delivery, () => {})).kind, 'recorded');
  const third = await s.executor.execute(s.delivery, () => {});
  t.like(third, { kind: 'refused', reason: 'endpoint_rate_limit' });
  t.is(s.sender.requests.length, 2);
});

test("DeliveryExecutor › every pass is released with the send's result", async (t) => {
  const released: (SendResult | null)[] = [];
  const gates: SendGate[] = [
    { name: 'count', acquire: () => Promise.resolve({ admitted: true, release: (r) => released.push(r) }) },
  ];
  const s = setup({ gates });
  s.sender.answer = () => ({ statusCode: 503 });
  await s.run();
  t.is(released.length, 1);
  t.is(released[0]?.statusCode, 503);
});

test('DeliveryExecutor › a failing endpoint lookup rejects and stores nothing', async (t) => {
  const s = setup();
  s.targets.failures = 1;
  await t.throwsAsync(
    s.executor.execute(s.delivery, () => t.fail('nothing is stored')),
    {
      message: 'database unavailable',
    },
  );
  await s.executor.close(1_000);
  t.is(s.sender.requests.length, 0);
  t.is(s.deliveries.written.length, 0);
});

test('DeliveryExecutor › park holds the delivery until the time given without spending an attempt', async (t) => {
  const s = setup();
  const until = s.clock.now() + 7_000;
  await new Promise<void>((resolve) => s.executor.park(s.delivery, until, resolve));
  t.like(s.deliveries.written[0], { status: 'pending', nextAttemptAt: until, basedOnAttemptCount: 0 });
  t.like(s.deliveries.rows.get(s.record.deliveryId), { status: 'pending', attemptCount: 0 });
});

test('DeliveryExecutor › close stores the outcomes it holds, then takes no more', async (t) => {
  const s = setup({ flushIntervalMs: 60_000 });
  let stored = 0;
  await s.executor.execute(s.delivery, () => stored++);
  t.is(stored, 0, 'the outcome waits for its batch');
  await s.executor.close(1_000);
  t.is(stored, 1);
  s.executor.park(s.delivery, s.clock.now(), () => stored++);
  await s.executor.close(1_000);
  t.is(stored, 1);
  t.is(s.deliveries.written.length, 1);
});
