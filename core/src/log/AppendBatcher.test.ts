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
