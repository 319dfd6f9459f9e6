import test from 'ava';
import { pino } from 'pino';
import { WriteBuffer } from './WriteBuffer.js';

const logger = pino({ level: 'silent' });

test('WriteBuffer › writes a full batch at once, in one call, and reports each entry written after it', async (t) => {
  const batches: number[][] = [];
  const written: number[] = [];
  const buffer = new WriteBuffer<number>({
    write: (batch) => {
      t.deepEqual(written, [], 'nothing is reported before its batch is written');
      batches.push([...batch]);
      return Promise.resolve();
    },
    logger,
    flushIntervalMs: 60_000,
    maxBatch: 3,
  });
  for (const n of [1, 2, 3]) buffer.add(n, () => written.push(n));
  await buffer.flush();
  t.deepEqual(batches, [[1, 2, 3]]);
  t.deepEqual(written, [1, 2, 3]);
});

test('WriteBuffer › a partial batch is written after the flush interval', async (t) => {
  const batches: number[][] = [];
  const buffer = new WriteBuffer<number>({
    write: (batch) => {
      batches.push([...batch]);
      return Promise.resolve();
    },
    logger,
    flushIntervalMs: 5,
    maxBatch: 100,
  });
  let done = false;
  buffer.add(1, () => (done = true));
  buffer.add(2, () => undefined);
  const deadline = Date.now() + 5_000;
  while (!done && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  t.deepEqual(batches, [[1, 2]]);
});

test('WriteBuffer › a failed write is retried with the same entries and reported only once written', async (t) => {
  let calls = 0;
  const written: number[] = [];
  const buffer = new WriteBuffer<number>({
    write: (batch) => {
      calls++;
      t.deepEqual([...batch], [7]);
      return calls < 3 ? Promise.reject(new Error('database away')) : Promise.resolve();
    },
    logger,
    flushIntervalMs: 1,
    retryBackoffMs: 1,
  });
  buffer.add(7, () => written.push(7));
  await buffer.flush();
  t.is(calls, 3);
  t.deepEqual(written, [7]);
});

test('WriteBuffer › close gives up after its grace period and ignores later writes', async (t) => {
  const written: number[] = [];
  const buffer = new WriteBuffer<number>({
    write: () => Promise.reject(new Error('database away')),
    logger,
    flushIntervalMs: 1,
    retryBackoffMs: 1,
  });
  buffer.add(1, () => written.push(1));
  await buffer.close(30);
  buffer.add(2, () => written.push(2));
  await buffer.flush();
  t.deepEqual(written, []);
});

test('WriteBuffer › writes up to maxConcurrentWrites batches at once', async (t) => {
  let active = 0;
  let peak = 0;
  const buffer = new WriteBuffer<number>({
    write: async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 20));
      active--;
    },
    logger,
    maxBatch: 2,
    maxConcurrentWrites: 3,
  });
  const written: number[] = [];
  for (let n = 0; n < 12; n++) buffer.add(n, () => written.push(n));
  await buffer.flush();
  t.is(peak, 3);
  t.deepEqual(
    written.sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  );
});
