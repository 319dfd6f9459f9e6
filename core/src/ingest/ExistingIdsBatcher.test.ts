import test from 'ava';
import { ExistingIdsBatcher } from './ExistingIdsBatcher.js';

/** A store of existing ids whose reads answer only when released, so tests control what is in flight. */
function store(existing: string[]) {
  const reads: { tenantId: string; ids: string[]; release(): void; fail(error: Error): void }[] = [];
  const read = (tenantId: string, ids: readonly string[]) =>
    new Promise<Map<string, number>>((resolve, reject) => {
      reads.push({
        tenantId,
        ids: [...ids],
        release: () =>
          resolve(new Map(ids.filter((id) => existing.includes(`${tenantId}/${id}`)).map((id) => [id, 1]))),
        fail: reject,
      });
    });
  return { reads, read };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('ExistingIdsBatcher › an idle tenant is read at once; checks arriving meanwhile share the next read', async (t) => {
  const { reads, read } = store(['t1/a', 't1/c', 't1/d']);
  const batcher = new ExistingIdsBatcher(read);
  const first = batcher.existingIds('t1', ['a', 'b']);
  t.is(reads.length, 1);
  const second = batcher.existingIds('t1', ['c']);
  const third = batcher.existingIds('t1', ['d', 'e', 'c']);
  t.is(reads.length, 1);
  reads[0]!.release();
  t.deepEqual([...(await first).keys()], ['a']);
  await settle();
  t.is(reads.length, 2);
  t.deepEqual(reads[1]!.ids.sort(), ['c', 'd', 'e']);
  reads[1]!.release();
  t.deepEqual([...(await second).keys()], ['c']);
  t.deepEqual([...(await third).keys()].sort(), ['c', 'd']);
});

test('ExistingIdsBatcher › tenants are read apart, and a tenant never sees another one’s ids', async (t) => {
  const { reads, read } = store(['t1/a', 't2/b']);
  const batcher = new ExistingIdsBatcher(read);
  const one = batcher.existingIds('t1', ['a', 'b']);
  const two = batcher.existingIds('t2', ['a', 'b']);
  t.deepEqual(
    reads.map((r) => r.tenantId),
    ['t1', 't2'],
  );
  for (const r of reads) r.release();
  t.deepEqual([...(await one).keys()], ['a']);
  t.deepEqual([...(await two).keys()], ['b']);
});

test('ExistingIdsBatcher › a failed read fails only the checks it answered', async (t) => {
  const { reads, read } = store(['t1/b']);
  const batcher = new ExistingIdsBatcher(read);
  const first = batcher.existingIds('t1', ['a']);
  const second = batcher.existingIds('t1', ['b']);
  reads[0]!.fail(new Error('database gone'));
  await t.throwsAsync(first, { message: 'database gone' });
  await settle();
  reads[1]!.release();
  t.deepEqual([...(await second).keys()], ['b']);
});

test('ExistingIdsBatcher › a read holds at most maxIds ids, except a single larger check', async (t) => {
  const { reads, read } = store([]);
  const batcher = new ExistingIdsBatcher(read, 3);
  const checks = [
    batcher.existingIds('t1', ['a']),
    batcher.existingIds('t1', ['b', 'c']),
    batcher.existingIds('t1', ['d', 'e']),
    batcher.existingIds('t1', ['f', 'g', 'h', 'i']),
  ];
  for (let i = 0; i < 4 && reads[i]; i++) {
    reads[i]!.release();
    await settle();
  }
  await Promise.all(checks);
  t.deepEqual(
    reads.map((r) => r.ids.length),
    [1, 2, 2, 4],
  );
});

test('ExistingIdsBatcher › no ids, no read', async (t) => {
  const { reads, read } = store([]);
  t.deepEqual([...(await new ExistingIdsBatcher(read).existingIds('t1', [])).keys()], []);
  t.is(reads.length, 0);
});
