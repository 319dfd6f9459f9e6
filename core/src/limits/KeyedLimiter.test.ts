import test from 'ava';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { ManualClock } from '../domain/Clock.js';
import { KeyedLimiter } from './KeyedLimiter.js';
import { createLimiterStore, type LimiterStore } from './LimiterStore.js';

// Windows are aligned to the clock: this is 100 ms into one.
const start = () => new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0, 100));
const perSecond = (points: number) => ({ points, durationSeconds: 1 });

test('KeyedLimiter › takes the limit in a window, refuses until it ends, then starts afresh', async (t) => {
  const clock = start();
  const limiter = new KeyedLimiter(createLimiterStore(null), 'test', { clock });
  const taken = [];
  for (let i = 0; i < 3; i++) taken.push(await limiter.take('k', perSecond(3)));
  t.deepEqual(
    taken.map((r) => [r.allowed, r.remaining]),
    [
      [true, 2],
      [true, 1],
      [true, 0],
    ],
  );
  clock.advance(250);
  t.deepEqual(await limiter.take('k', perSecond(3)), { allowed: false, remaining: 0, msBeforeNext: 650 });
  t.true((await limiter.take('other', perSecond(3))).allowed, 'another key has its own window');
  clock.advance(650);
  t.like(await limiter.take('k', perSecond(3)), { allowed: true, remaining: 2, msBeforeNext: 1_000 });
});

test('KeyedLimiter › counts a request at the time it names', async (t) => {
  const clock = start();
  const limiter = new KeyedLimiter(createLimiterStore(null), 'test', { clock });
  t.true((await limiter.take('k', perSecond(1))).allowed);
  t.false((await limiter.take('k', perSecond(1))).allowed);
  t.true((await limiter.take('k', perSecond(1), 1, clock.now() + 1_000)).allowed, 'the next window');
});

test('KeyedLimiter › a request counted a moment before the current window is counted in it', async (t) => {
  const clock = start();
  const limiter = new KeyedLimiter(createLimiterStore(null), 'test', { clock });
  const late = clock.now() - 200; // in the window before
  t.true((await limiter.take('k', perSecond(1))).allowed);
  t.deepEqual(await limiter.take('k', perSecond(1), 1, late), {
    allowed: false,
    remaining: 0,
    msBeforeNext: 1_100,
  });
});

test('KeyedLimiter › a raised limit applies at once, even in a window already used up', async (t) => {
  const limiter = new KeyedLimiter(createLimiterStore(null), 'test', { clock: start() });
  t.true((await limiter.take('k', perSecond(1))).allowed);
  t.false((await limiter.take('k', perSecond(1))).allowed);
  t.like(await limiter.take('k', perSecond(3)), { allowed: true, remaining: 1 });
});

test('KeyedLimiter › a point given back can be taken again in its window, not in the next', async (t) => {
  const clock = start();
  const limiter = new KeyedLimiter(createLimiterStore(null), 'test', { clock });
  t.true((await limiter.take('k', perSecond(1))).allowed);
  limiter.giveBack('k', perSecond(1));
  t.true((await limiter.take('k', perSecond(1))).allowed);
  t.false((await limiter.take('k', perSecond(1))).allowed);
  limiter.giveBack('k', perSecond(1));
  clock.advance(1_000);
  t.true((await limiter.take('k', perSecond(1))).allowed);
  t.false((await limiter.take('k', perSecond(1))).allowed, 'the point given back lapsed with its window');
});

test('KeyedLimiter › several points at once pass only whole', async (t) => {
  const limiter = new KeyedLimiter(createLimiterStore(null), 'test', { clock: start() });
  t.true((await limiter.take('k', perSecond(5), 3)).allowed);
  t.false((await limiter.take('k', perSecond(5), 3)).allowed);
  t.true((await limiter.take('k', perSecond(5), 2)).allowed, 'the two left are still there');
});

test('KeyedLimiter › a store that cannot be reached rejects, and the next take asks again', async (t) => {
  let down = true;
  const memory = createLimiterStore(null);
  const store: LimiterStore = {
    kind: 'redis',
    limiter: (name, points, duration) => {
      const inner = memory.limiter(name, points, duration);
      return {
        consume: (key: string, n: number) =>
          down ? Promise.reject(new Error('redis down')) : inner.consume(key, n),
        reward: (key: string, n: number) => inner.reward(key, n),
      } as unknown as RateLimiterAbstract;
    },
    close: () => Promise.resolve(),
  };
  const limiter = new KeyedLimiter(store, 'test', { clock: start() });
  await t.throwsAsync(limiter.take('k', perSecond(100)), { message: 'redis down' });
  down = false;
  t.like(await limiter.take('k', perSecond(100)), { allowed: true, remaining: 99 });
});
