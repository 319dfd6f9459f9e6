import test from 'ava';
import { LogUnavailableError } from '../errors/index.js';
import { AppendBatcher } from './AppendBatcher.js';
import type { AppendRecord, LogTopic } from './InternalLog.js';

const record = (value: string): AppendRecord => ({ key: 'k', value: Buffer.from(value) });

function recordingWriter(fail: (batch: string[]) => boolean = () => false) {
  const writes: { topic: LogTopic; values: string[] }[] = [];
  const write = async (topic: LogTopic, records: readonly AppendRecord[]) => {
    const values = records.map((r) => r.value.toString());
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail(values)) throw new LogUnavailableError('down');
    writes.push({ topic, values });
  };
  return { writes, write };
}

test('AppendBatcher › coalesces concurrent appends into few writes and keeps call order', async (t) => {
  const { writes, write } = recordingWriter();
  const batcher = new AppendBatcher(write, { lingerMs: 2, maxBatchRecords: 50 });
  await Promise.all(Array.from({ length: 200 }, (_, i) => batcher.append('events', [record(`v${i}`)])));
  t.true(writes.length <= 10, `${writes.length} writes for 200 appends`);
  t.true(writes.every((w) => w.values.length <= 50));
  t.deepEqual(
    writes.flatMap((w) => w.values),
    Array.from({ length: 200 }, (_, i) => `v${i}`),
  );
});

test('AppendBatcher › splits one large append over several writes and resolves after the last', async (t) => {
  const { writes, write } = recordingWriter();
  const batcher = new AppendBatcher(write, { maxBatchRecords: 10, maxBatchBytes: 1000 });
  await batcher.append(
    'deliveries',
    Array.from({ length: 25 }, (_, i) => record(`v${i}`)),
  );
  t.deepEqual(
    writes.map((w) => w.values.length),
    [10, 10, 5],
  );
  await batcher.append('deliveries', [record('x'.repeat(600)), record('y'.repeat(600))]);
  t.deepEqual(
    writes.slice(3).map((w) => w.values.length),
    [1, 1],
    'a write holds at most maxBatchBytes',
  );
});

test('AppendBatcher › a failed write rejects exactly the callers whose records it held', async (t) => {
  const { writes, write } = recordingWriter((values) => values.includes('bad'));
  const batcher = new AppendBatcher(write, { lingerMs: 0, maxBatchRecords: 1 });
  const results = await Promise.allSettled([
    batcher.append('events', [record('a')]),
    batcher.append('events', [record('bad')]),
    batcher.append('events', [record('c')]),
  ]);
  t.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  t.true((results[1] as PromiseRejectedResult).reason instanceof LogUnavailableError);
  t.deepEqual(
    writes.flatMap((w) => w.values),
    ['a', 'c'],
  );
});

test('AppendBatcher › close() writes what was accepted and refuses later appends', async (t) => {
  const { writes, write } = recordingWriter();
  const batcher = new AppendBatcher(write, { lingerMs: 1000 });
  const pending = batcher.append('events', [record('early')]);
  await batcher.close();
  await pending;
  t.deepEqual(writes, [{ topic: 'events', values: ['early'] }]);
  await t.throwsAsync(batcher.append('events', [record('late')]), { instanceOf: LogUnavailableError });
});

test('AppendBatcher › keeps one write per lane in flight and each key in call order', async (t) => {
  let inFlight = 0;
  let mostInFlight = 0;
  const writes: { lane: number; records: AppendRecord[] }[] = [];
  const write = async (_topic: LogTopic, records: readonly AppendRecord[], lane: number) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    writes.push({ lane, records: [...records] });
  };
  const batcher = new AppendBatcher(
    write,
    { lingerMs: 1, maxBatchRecords: 20, inFlightWrites: 3 },
    (_, key) => Number(key.slice(1)) % 3,
  );
  await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      batcher.append('events', [{ key: `k${i % 9}`, value: Buffer.from(String(i)) }]),
    ),
  );
  t.is(mostInFlight, 3, 'the three lanes write at the same time');
  t.true(writes.every((w) => w.records.every((r) => Number(r.key.slice(1)) % 3 === w.lane)));
  const all = writes.flatMap((w) => w.records);
  t.is(all.length, 300);
  for (let k = 0; k < 9; k++) {
    const values = all.filter((r) => r.key === `k${k}`).map((r) => Number(r.value.toString()));
    t.deepEqual(
      values,
      [...values].sort((a, b) => a - b),
      `k${k} is written in call order`,
    );
  }
});

test('AppendBatcher › a call spread over lanes resolves once every lane wrote, and fails with any', async (t) => {
  const written: string[] = [];
  const write = async (_topic: LogTopic, records: readonly AppendRecord[], lane: number) => {
    await new Promise((resolve) => setTimeout(resolve, lane * 5));
    if (records.some((r) => r.value.toString() === 'bad')) throw new LogUnavailableError('down');
    written.push(...records.map((r) => r.value.toString()));
  };
  const batcher = new AppendBatcher(write, { lingerMs: 0, inFlightWrites: 2 }, (_, key) =>
    key === 'slow' ? 1 : 0,
  );
  await batcher.append('deliveries', [
    { key: 'fast', value: Buffer.from('a') },
    { key: 'slow', value: Buffer.from('b') },
  ]);
  t.deepEqual(written.sort(), ['a', 'b'], 'resolved only after the slower lane wrote');
  await t.throwsAsync(
    batcher.append('deliveries', [
      { key: 'fast', value: Buffer.from('c') },
      { key: 'slow', value: Buffer.from('bad') },
    ]),
    { instanceOf: LogUnavailableError },
  );
  t.throws(() => new AppendBatcher(write, { inFlightWrites: 0 }), { instanceOf: RangeError });
});

test('AppendBatcher › a small append is written next, not after every write of a large one queued before it', async (t) => {
  const { writes, write } = recordingWriter();
  const batcher = new AppendBatcher(write, { lingerMs: 0, maxBatchBytes: 1000 });
  // One tenant's batch of 20 records of 600 bytes on two keys: twenty writes of one record each.
  const large = batcher.append(
    'events',
    Array.from({ length: 20 }, (_, i) => ({ key: `a${i % 2}`, value: Buffer.from(`a${i}`.padEnd(600)) })),
  );
  await new Promise((resolve) => setTimeout(resolve, 1));
  const small = batcher.append('events', [{ key: 'b', value: Buffer.from('b0') }]);
  await Promise.all([large, small]);
  const writeOf = (value: string) => writes.findIndex((w) => w.values.some((v) => v.trim() === value));
  t.true(writeOf('b0') <= 2, `the small append went out with write ${writeOf('b0') + 1} of ${writes.length}`);
  const largeValues = writes.flatMap((w) => w.values.map((v) => v.trim())).filter((v) => v.startsWith('a'));
  t.deepEqual(
    largeValues,
    Array.from({ length: 20 }, (_, i) => `a${i}`),
    'the large append keeps its order',
  );
});

test('AppendBatcher › a later call never goes ahead of an earlier one holding the same key', async (t) => {
  const { writes, write } = recordingWriter();
  const batcher = new AppendBatcher(write, { lingerMs: 0, maxBatchBytes: 1000 });
  const first = batcher.append(
    'events',
    Array.from({ length: 6 }, (_, i) => ({ key: 'k', value: Buffer.from(`x${i}`.padEnd(600)) })),
  );
  const second = batcher.append('events', [{ key: 'k', value: Buffer.from('y0') }]);
  await Promise.all([first, second]);
  t.deepEqual(
    writes.flatMap((w) => w.values.map((v) => v.trim())),
    ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'y0'],
  );
});
