import test from 'ava';
import { pino } from 'pino';
import type { LogRecord } from './InternalLog.js';
import { PartitionFeed, type FetchedRecord } from './PartitionFeed.js';

function feed(maxUnfinished = 100, committed?: bigint) {
  const delivered: LogRecord[] = [];
  let progress = 0;
  let resumed = 0;
  const f = new PartitionFeed({
    topic: 'deliveries',
    partition: 0,
    onRecords: (records) => void delivered.push(...records),
    maxUnfinished,
    maxDeliveryBatch: 100,
    retryBackoffMs: 10,
    onProgress: () => progress++,
    onResume: () => resumed++,
    logger: pino({ level: 'silent' }),
    ...(committed === undefined ? {} : { committed }),
  });
  return { f, delivered, progress: () => progress, resumed: () => resumed };
}

const fetched = (from: number, count: number): FetchedRecord[] =>
  Array.from({ length: count }, (_, i) => ({
    offset: BigInt(from + i),
    key: 'k',
    value: Buffer.from(String(from + i)),
    headers: {},
    timestamp: 1,
  }));

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A feed whose subscriber takes each batch and returns only when released (a dispatcher waiting for
 * room in its budget): `taken` holds the batches handed over, `release` resolves them in turn.
 */
function slowFeed(options: { maxUnfinished: number; maxDeliveryBytes?: number }) {
  const taken: LogRecord[][] = [];
  const release: (() => void)[] = [];
  let resumed = 0;
  const f = new PartitionFeed({
    topic: 'deliveries',
    partition: 0,
    onRecords: (records) => {
      taken.push([...records]);
      return new Promise<void>((resolve) => release.push(resolve));
    },
    maxUnfinished: options.maxUnfinished,
    maxDeliveryBatch: 100,
    ...(options.maxDeliveryBytes === undefined ? {} : { maxDeliveryBytes: options.maxDeliveryBytes }),
    retryBackoffMs: 10,
    onProgress: () => {},
    onResume: () => resumed++,
    logger: pino({ level: 'silent' }),
  });
  return { f, taken, release, resumed: () => resumed };
}

test('PartitionFeed › commits only below the oldest unfinished record', async (t) => {
  const { f, delivered, progress } = feed(100, 10n);
  f.push(fetched(10, 5));
  await tick();
  t.is(f.pendingCommit(), undefined);
  delivered[4]!.done();
  delivered[2]!.done();
  t.is(f.pendingCommit(), undefined, 'finished later records do not move the commit point');
  t.is(progress(), 0);
  delivered[0]!.done();
  t.is(f.pendingCommit(), 11n);
  delivered[1]!.done();
  t.is(f.pendingCommit(), 13n, 'skips the records already done');
  f.markCommitted(13n);
  delivered[3]!.done();
  t.is(f.pendingCommit(), 15n);
  t.is(progress(), 3);
});

test('PartitionFeed › pauses when full and resumes once half is done', async (t) => {
  const { f, delivered, resumed } = feed(4);
  f.push(fetched(0, 4));
  await tick();
  t.is(f.room(), 0);
  t.true(f.isPaused());
  delivered[0]!.done();
  t.false(f.room() > 0, 'one done is not enough');
  delivered[1]!.done();
  t.is(resumed(), 1);
  t.is(f.room(), 2);
});

test('PartitionFeed › a subscriber that takes slowly holds fetching: at most two batches wait to be handed over', async (t) => {
  const { f, taken, release, resumed } = slowFeed({ maxUnfinished: 10_000 });
  t.is(f.room(), 200, 'two batches, though 10,000 may be unfinished');
  f.push(fetched(0, 200));
  await tick();
  t.is(taken.length, 1, 'one batch handed over, still being taken');
  t.is(resumed(), 1, '200 fetched paused the feed; handing 100 over resumed it');
  t.is(f.room(), 100, '100 wait beside the 100 handed over');
  f.push(fetched(200, 100));
  await tick();
  t.is(f.room(), 0, '200 wait: fetching stops');
  t.true(f.isPaused());
  release.shift()!();
  await tick();
  t.is(taken.length, 2);
  t.is(resumed(), 2, 'handing the next batch over leaves 100 waiting: fetching resumes');
  t.is(f.room(), 100);
  release.shift()!();
  await tick();
  release.shift()!();
  await tick();
  t.is(taken.length, 3, 'everything fetched is handed over in turn');
  for (const batch of taken) for (const r of batch) r.done();
  await f.whenIdle();
  t.is(f.pendingCommit(), 300n, 'what was handed over and done is committed');
});

test('PartitionFeed › a pause for records waiting to be handed over ends once they are, however many are not done yet', async (t) => {
  // A dispatcher holds thousands of records for a slow receiver and takes each batch slowly: the
  // partition must go on fetching the records behind them (another tenant's may be there).
  const { f, taken, release } = slowFeed({ maxUnfinished: 1000 });
  let next = 0;
  const fetchWhatFits = async () => {
    const n = f.room();
    f.push(fetched(next, n));
    next += n;
    await tick();
    while (release.length > 0) {
      release.shift()!();
      await tick();
    }
  };
  while (taken.flat().length < 700) {
    const before = next;
    await fetchWhatFits();
    if (next === before) break;
  }
  t.true(taken.flat().length >= 700, 'more than half of maxUnfinished handed over, none done');
  t.true(f.room() > 0, 'and the partition fetches on');
  while (f.room() > 0) await fetchWhatFits();
  t.is(taken.flat().length, 1000, 'up to maxUnfinished records not done');
  t.is(f.room(), 0, 'at maxUnfinished the partition stops fetching');
  for (const r of taken.flat().slice(0, 499)) r.done();
  t.is(f.room(), 0, 'a pause at maxUnfinished lasts until half of them are done');
  taken.flat()[499]!.done();
  t.is(f.room(), 200, 'then it fetches again, two batches at a time');
});

test('PartitionFeed › fetched bytes waiting to be handed over hold fetching too', async (t) => {
  const { f, release } = slowFeed({ maxUnfinished: 10_000, maxDeliveryBytes: 1000 });
  const large = (from: number, count: number): FetchedRecord[] =>
    fetched(from, count).map((r) => ({ ...r, value: Buffer.alloc(500) }));
  f.push(large(0, 6));
  await tick();
  t.is(f.room(), 0, '2 records (1,000 bytes) handed over, 4 (2,000 bytes) wait: at twice maxDeliveryBytes');
  release.shift()!();
  await tick();
  t.true(f.room() > 0, 'down to 1,000 bytes waiting: fetching resumes');
});

test('PartitionFeed › ignores records at or below the last fetched offset, and done() after close', async (t) => {
  const { f, delivered } = feed();
  f.push(fetched(0, 3));
  f.push(fetched(1, 4));
  await tick();
  t.deepEqual(
    delivered.map((r) => r.offset),
    ['0', '1', '2', '3', '4'],
  );
  f.close();
  delivered[0]!.done();
  t.is(f.pendingCommit(), undefined);
  await f.whenIdle();
  t.pass();
});

test('PartitionFeed › a held feed takes and hands over nothing, still commits, and hands over what waits when released', async (t) => {
  const { f, delivered, progress } = feed(100, 0n);
  f.push(fetched(0, 2));
  await tick();
  f.hold(true);
  f.hold(true);
  t.is(f.room(), 0, 'nothing more is fetched while held');
  f.push(fetched(2, 3)); // fetched before the hold took effect: waits
  await tick();
  t.deepEqual(
    delivered.map((r) => r.offset),
    ['0', '1'],
  );
  delivered[0]!.done();
  delivered[1]!.done();
  t.is(progress(), 2);
  t.is(f.pendingCommit(), 2n, 'records handed over before the hold still finish and commit');
  f.hold(false);
  await tick();
  t.deepEqual(
    delivered.map((r) => r.offset),
    ['0', '1', '2', '3', '4'],
  );
  t.true(f.room() > 0);
});
