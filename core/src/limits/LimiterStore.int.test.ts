import { createServer, connect, type Socket } from 'node:net';
import test from 'ava';
import { serviceSetting } from '@caravan/testing';
import { ManualClock } from '../domain/Clock.js';
import { KeyedLimiter } from './KeyedLimiter.js';
import { createLimiterStore } from './LimiterStore.js';

/** A TCP relay to the shared Redis that the test can cut, as a Redis restart or a network cut would. */
async function cuttableRedis(): Promise<{ url: string; cut(): Promise<void> }> {
  const target = new URL(serviceSetting('CARAVAN_TEST_REDIS_URL'));
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

test('LimiterStore › once Redis goes away, limits fall back to this process’s memory and still hold', async (t) => {
  const redis = await cuttableRedis();
  const store = createLimiterStore({ url: redis.url });
  t.teardown(() => store.close());
  const clock = new ManualClock(Math.ceil(Date.now() / 1000) * 1000);
  const limiter = new KeyedLimiter(store, `fallback-${Date.now()}`, { clock });
  const setting = { points: 40, durationSeconds: 1 };
  t.true((await limiter.take('warm-up', setting)).allowed, 'Redis answers first');
  await redis.cut();
  clock.advance(1000);
  const answers = [];
  for (let i = 0; i < 60; i++) answers.push(await limiter.take('tenant-a', setting));
  t.is(answers.filter((a) => a.allowed).length, 40, 'the limit is granted, no more');
  t.true(answers.slice(40).every((a) => !a.allowed && a.msBeforeNext > 0));
  clock.advance(1000);
  t.true((await limiter.take('tenant-a', setting)).allowed, 'the next window grants again');
  t.true((await limiter.take('tenant-b', setting)).allowed, 'another key has its own counter');
});
