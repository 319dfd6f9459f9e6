import { randomUUID } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { serviceSetting } from '@caravan/testing';
import { ManualClock } from '../domain/Clock.js';
import { KeyedLimiter } from './KeyedLimiter.js';
import { createLimiterStore, type LimiterStore } from './LimiterStore.js';

/** A store on the shared Redis that counts the round trips its counters make. */
function redisStore(t: ExecutionContext): { store: LimiterStore; trips: () => number } {
  const inner = createLimiterStore({ url: serviceSetting('CARAVAN_TEST_REDIS_URL') });
  t.teardown(() => inner.close());
  let trips = 0;
  const store: LimiterStore = {
    kind: inner.kind,
    limiter: (name, points, duration) => {
      const limiter = inner.limiter(name, points, duration);
      const consume = limiter.consume.bind(limiter);
      limiter.consume = (key, n) => {
        trips++;
        return consume(key, n);
      };
      return limiter;
    },
    close: () => inner.close(),
  };
  return { store, trips: () => trips };
}

/**
 * Two processes (two limiters, each on its own Redis connection, as two dispatchers are) asking for
 * `demand[i]` requests per second each, on one clock stepped a millisecond at a time over `windows`
 * whole windows; the grants counted per window.
 */
async function run(t: ExecutionContext, limit: number, demand: [number, number], windows: number) {
  const name = `test-${randomUUID()}`;
  const processes = [redisStore(t), redisStore(t)];
  const clock = new ManualClock(Math.ceil(Date.now() / 1000) * 1000);
  const limiters = processes.map(({ store }) => new KeyedLimiter(store, name, { clock }));
  const setting = { points: limit, durationSeconds: 1 };
  const perWindow: number[][] = [];
  const owed = [0, 0];
  for (let w = 0; w < windows; w++) {
    const granted = [0, 0];
    for (let ms = 0; ms < 1_000; ms++) {
      for (const i of [0, 1]) {
        owed[i]! += demand[i]! / 1_000;
        for (; owed[i]! >= 1; owed[i]!--) {
          if ((await limiters[i]!.take('tnt_shared', setting)).allowed) granted[i]!++;
        }
      }
      // Whatever a limiter reserves in the background lands before the clock moves on, as it does when
      // requests are spread over real milliseconds.
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(1);
    }
    perWindow.push(granted);
  }
  return { perWindow, trips: processes.reduce((sum, p) => sum + p.trips(), 0) };
}

const total = (perWindow: number[][]) => perWindow.map(([a, b]) => a! + b!);

test('KeyedLimiter › two processes sharing Redis never pass the limit together and use at least 0.9 of it', async (t) => {
  const limit = 200;
  const { perWindow, trips } = await run(t, limit, [300, 300], 4);
  t.log(`grants per window and process: ${JSON.stringify(perWindow)}; ${trips} Redis round trips`);
  for (const granted of total(perWindow)) {
    t.true(granted <= limit, `a window granted ${granted} of ${limit}`);
    t.true(granted >= 0.9 * limit, `a window granted only ${granted} of ${limit}`);
  }
  const all = total(perWindow).reduce((a, b) => a + b, 0);
  t.true(all / (4 * limit) >= 0.9 && all / (4 * limit) <= 1.05, `rate ${all / (4 * limit)} × the limit`);
  // Both processes got their turn, each in every window.
  for (const [a, b] of perWindow) t.true(a! > 0 && b! > 0, `grants per process: ${a} ${b}`);
  t.true(trips <= all / 5, `${trips} Redis round trips for ${all} grants`);
});

test('KeyedLimiter › a busy and a quiet process together still use at least 0.9 of the limit', async (t) => {
  const limit = 200;
  const { perWindow } = await run(t, limit, [400, 30], 4);
  t.log(`grants per window and process: ${JSON.stringify(perWindow)}`);
  for (const granted of total(perWindow)) {
    t.true(granted <= limit, `a window granted ${granted} of ${limit}`);
    t.true(granted >= 0.9 * limit, `a window granted only ${granted} of ${limit}`);
  }
});
