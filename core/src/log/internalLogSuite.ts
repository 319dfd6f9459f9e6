import type { ExecutionContext, TestFn } from 'ava';
import { LogUnavailableError } from '../errors/index.js';
import {
  LOG_TOPICS,
  type InternalLog,
  type LogRecord,
  type LogTopic,
  type SubscribeOptions,
  type Subscription,
} from './InternalLog.js';

/** One backing store (a database, a Kafka topic prefix) that several log instances share. */
export interface LogBacking {
  /** Partitions per topic of the logs `open()` returns. */
  partitions: { events: number; deliveries: number };
  /** Opens another log on the same store, as another process would (own connections, own consumers). */
  open(): Promise<InternalLog>;
  /** The offsets a group committed on a topic, summed over its partitions (each starts at 0). */
  committed(groupId: string, topic: LogTopic): Promise<number>;
  /** Closes every log opened and removes the store. */
  cleanup(): Promise<void>;
}

const text = (r: LogRecord) => r.value.toString();

/** Polls `condition` until it holds; fails the test with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until an asynchronous `condition` holds; fails the test with `what` after `timeoutMs`. */
async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Lets several fetch rounds pass (test polls are 20 ms, Kafka fetch waits 200 ms), after a witness
 * group has shown the records are there to fetch: long enough for a subscription that fetches to get them.
 */
const fetchRounds = () => new Promise((resolve) => setTimeout(resolve, 600));

/** A subscriber that remembers every record it was handed and, unless told otherwise, marks it done. */
async function consume(
  log: InternalLog,
  options: Omit<SubscribeOptions, 'onRecords'> & { autoDone?: boolean },
): Promise<{ received: LogRecord[]; subscription: Subscription }> {
  const received: LogRecord[] = [];
  const { autoDone = true, ...subscribe } = options;
  const subscription = await log.subscribe({
    ...subscribe,
    onRecords(records) {
      received.push(...records);
      if (autoDone) for (const r of records) r.done();
    },
  });
  return { received, subscription };
}

function records(count: number, key: (i: number) => string, prefix = 'r') {
  return Array.from({ length: count }, (_, i) => ({
    key: key(i),
    value: Buffer.from(`${prefix}${i}`),
    headers: { seq: String(i) },
  }));
}

/**
 * The behaviour every `InternalLog` adapter must show, run identically against each backing store.
 * Each test gets a fresh store from `createBacking`, so tests run concurrently.
 */
export function runInternalLogSuite(
  test: TestFn,
  name: string,
  createBacking: () => Promise<LogBacking>,
): void {
  async function setup(t: ExecutionContext) {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    return { backing, log: await backing.open() };
  }
  let groups = 0;
  const group = () => `group-${process.pid}-${++groups}`;

  test(`${name} › delivers every record with its key, exact bytes and headers, in order per key`, async (t) => {
    const { log } = await setup(t);
    const bytes = Buffer.from([0, 255, 10, 13, 0xc3]);
    for (let call = 0; call < 6; call++) {
      const seq = (i: number) => call * 10 + i;
      await log.append(
        'events',
        records(10, (i) => `key-${seq(i) % 6}`).map((r, i) => ({ ...r, headers: { seq: String(seq(i)) } })),
      );
    }
    await log.append('deliveries', [{ key: 'ep_1', value: bytes }]);
    const events = await consume(log, { groupId: group(), topic: 'events' });
    const deliveries = await consume(log, { groupId: group(), topic: 'deliveries' });
    await waitFor(() => events.received.length >= 60 && deliveries.received.length >= 1, 'every record');

    t.is(events.received.length, 60);
    t.is(deliveries.received.length, 1);
    t.true(deliveries.received[0]!.value.equals(bytes));
    t.deepEqual(deliveries.received[0]!.headers, {});
    t.true(events.received.every((r) => r.topic === 'events' && r.timestamp > 0));
    for (let k = 0; k < 6; k++) {
      const ofKey = events.received.filter((r) => r.key === `key-${k}`);
      t.is(ofKey.length, 10);
      const seqs = ofKey.map((r) => Number(r.headers.seq));
      t.deepEqual(
        seqs,
        [...seqs].sort((a, b) => a - b),
        `key-${k} arrives in append order`,
      );
      t.is(new Set(ofKey.map((r) => r.partition)).size, 1, `key-${k} stays in one partition`);
    }
    await events.subscription.stop();
    await deliveries.subscription.stop();
  });

  test(`${name} › a record handed over holds its own bytes, not the whole fetch it came in`, async (t) => {
    // A dispatcher may keep thousands of records in hand for minutes (a slow receiver): each must not
    // keep alive every other record fetched with it.
    const { log } = await setup(t);
    await log.append(
      'deliveries',
      Array.from({ length: 300 }, (_, i) => ({ key: 'ep_1', value: Buffer.alloc(1024, i % 256) })),
    );
    const { received, subscription } = await consume(log, {
      groupId: group(),
      topic: 'deliveries',
      autoDone: false,
    });
    await waitFor(() => received.length >= 300, '300 records');
    t.true(received.every((r, i) => r.value.length === 1024 && r.value[0] === i % 256));
    const largest = Math.max(...received.map((r) => r.value.buffer.byteLength));
    t.true(largest <= 64 * 1024, `a 1 KiB record's value sits in a buffer of ${largest} bytes`);
    for (const r of received) r.done();
    await subscription.stop();
  });

  test(`${name} › records with the same key land in one partition, at increasing offsets, in order`, async (t) => {
    const { log } = await setup(t);
    for (let call = 0; call < 5; call++)
      await log.append(
        'events',
        records(20, () => 'evt_same', `c${call}-`),
      );
    const { received, subscription } = await consume(log, { groupId: group(), topic: 'events' });
    await waitFor(() => received.length >= 100, '100 records');

    const expected = Array.from({ length: 5 }, (_, c) =>
      Array.from({ length: 20 }, (_, i) => `c${c}-${i}`),
    ).flat();
    t.deepEqual(received.map(text), expected);
    t.is(new Set(received.map((r) => r.partition)).size, 1);
    const offsets = received.map((r) => BigInt(r.offset));
    t.true(offsets.every((o, i) => i === 0 || o > offsets[i - 1]!));
    await subscription.stop();
  });

  test(`${name} › records a stopped consumer did not finish go to the next consumer of its group`, async (t) => {
    const { backing, log } = await setup(t);
    await log.append(
      'events',
      records(10, (i) => `k${i}`),
    );
    const groupId = group();
    const first = await consume(log, { groupId, topic: 'events', autoDone: false });
    await waitFor(() => first.received.length >= 10, 'the first consumer to get every record');
    await first.subscription.stop({ graceMs: 0 });

    const second = await consume(await backing.open(), { groupId, topic: 'events' });
    await waitFor(() => second.received.length >= 10, 'the records again');
    t.deepEqual(second.received.map(text).sort(), first.received.map(text).sort());
    await second.subscription.stop();
  });

  test(`${name} › a later record may finish first; only records from the oldest unfinished one come again`, async (t) => {
    const { backing, log } = await setup(t);
    await log.append(
      'deliveries',
      records(10, () => 'ep_one'),
    );
    const groupId = group();
    const first = await consume(log, { groupId, topic: 'deliveries', autoDone: false });
    await waitFor(() => first.received.length >= 10, 'ten records');
    // Record 3 is still being worked on while the ones after it, and before it, finish.
    for (const i of [9, 8, 7, 6, 5, 4, 0, 1, 2]) first.received[i]!.done();
    await first.subscription.stop({ graceMs: 0 });

    const second = await consume(await backing.open(), { groupId, topic: 'deliveries' });
    await waitFor(() => second.received.length >= 7, 'the records from record 3 on');
    t.deepEqual(second.received.map(text), ['r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    await second.subscription.stop();
  });

  test(`${name} › two consumers of one group split the partitions and together see every record once`, async (t) => {
    const { backing, log } = await setup(t);
    const groupId = group();
    const a = await consume(log, { groupId, topic: 'events' });
    const b = await consume(await backing.open(), { groupId, topic: 'events' });
    const all = backing.partitions.events;
    await waitFor(() => {
      const pa = a.subscription.assignedPartitions();
      const pb = b.subscription.assignedPartitions();
      return (
        pa.length > 0 &&
        pb.length > 0 &&
        new Set([...pa, ...pb]).size === all &&
        pa.length + pb.length === all
      );
    }, 'both consumers to own a share of the partitions');

    await log.append(
      'events',
      records(200, (i) => `evt_${i}`),
    );
    await waitFor(() => a.received.length + b.received.length >= 200, 'every record');
    const seen = [...a.received, ...b.received].map(text);
    t.is(seen.length, 200);
    t.is(new Set(seen).size, 200);
    t.true(a.received.length > 0 && b.received.length > 0);
    const pa = new Set(a.subscription.assignedPartitions());
    t.true(a.received.every((r) => pa.has(r.partition)));
    await Promise.all([a.subscription.stop(), b.subscription.stop()]);
  });

  test(`${name} › when a member joins, the first one does not get the records of partitions it keeps again`, async (t) => {
    const { backing, log } = await setup(t);
    await log.append(
      'events',
      records(40, (i) => `evt_${i}`),
    );
    const groupId = group();
    const a = await consume(log, { groupId, topic: 'events', autoDone: false });
    await waitFor(() => a.received.length >= 40, 'the first member to get every record');
    const b = await consume(await backing.open(), { groupId, topic: 'events', autoDone: false });
    await waitFor(() => {
      const pa = a.subscription.assignedPartitions().length;
      const pb = b.subscription.assignedPartitions().length;
      return pb > 0 && pa > 0 && pa + pb === backing.partitions.events;
    }, 'the partitions to be shared');
    const moved = new Set(b.subscription.assignedPartitions());
    const expected = a.received
      .filter((r) => moved.has(r.partition))
      .map(text)
      .sort();
    // Nothing was done, so the moved partitions' records go to the new member: at least once.
    await waitFor(() => b.received.length >= expected.length, 'the moved records at the second member');
    t.deepEqual(b.received.map(text).sort(), expected);
    const handedToA = a.received.map((r) => `${r.partition}:${r.offset}`);
    t.is(new Set(handedToA).size, handedToA.length, 'the first member got no record twice');
    await Promise.all([a.subscription.stop({ graceMs: 0 }), b.subscription.stop({ graceMs: 0 })]);
  });

  test(`${name} › each group sees every record independently`, async (t) => {
    const { log } = await setup(t);
    await log.append(
      'events',
      records(20, (i) => `k${i}`),
    );
    const one = await consume(log, { groupId: group(), topic: 'events' });
    const two = await consume(log, { groupId: group(), topic: 'events' });
    await waitFor(
      () => one.received.length >= 20 && two.received.length >= 20,
      'both groups to see 20 records',
    );
    t.deepEqual(one.received.map(text).sort(), two.received.map(text).sort());
    t.is(one.received.length, 20);
    await Promise.all([one.subscription.stop(), two.subscription.stop()]);
  });

  test(`${name} › 1,000 records from 200 concurrent appends are all durable and all delivered`, async (t) => {
    const { log } = await setup(t);
    const calls = Array.from({ length: 200 }, (_, c) =>
      log.append(
        'deliveries',
        records(5, (i) => `ep_${(c * 5 + i) % 37}`, `c${c}-`),
      ),
    );
    await Promise.all(calls);
    const { received, subscription } = await consume(log, { groupId: group(), topic: 'deliveries' });
    await waitFor(() => received.length >= 1000, '1,000 records');
    t.is(received.length, 1000);
    t.is(new Set(received.map(text)).size, 1000);
    await subscription.stop();
  });

  test(`${name} › concurrent appends, written several at a time, keep each key's records in call order`, async (t) => {
    const { log } = await setup(t);
    // 100 calls issued at once, each with one record for each of 12 keys: the writes run in parallel
    // lanes, but a key's records must still be in the order the calls were made.
    await Promise.all(
      Array.from({ length: 100 }, (_, call) =>
        log.append(
          'deliveries',
          Array.from({ length: 12 }, (_, k) => ({
            key: `ep_${k}`,
            value: Buffer.from(`${k}:${call}`),
          })),
        ),
      ),
    );
    const { received, subscription } = await consume(log, { groupId: group(), topic: 'deliveries' });
    await waitFor(() => received.length >= 1200, '1,200 records');
    t.is(received.length, 1200);
    for (let k = 0; k < 12; k++) {
      const calls = received.filter((r) => r.key === `ep_${k}`).map((r) => Number(text(r).split(':')[1]));
      t.deepEqual(
        calls,
        Array.from({ length: 100 }, (_, i) => i),
        `ep_${k} in call order`,
      );
    }
    await subscription.stop();
  });

  test(`${name} › a partition with too many unfinished records pauses and resumes as they finish`, async (t) => {
    const { log } = await setup(t);
    await log.append(
      'events',
      records(20, () => 'evt_busy'),
    );
    const inHand: LogRecord[] = [];
    const seen: string[] = [];
    let mostInHand = 0;
    const subscription = await log.subscribe({
      groupId: group(),
      topic: 'events',
      maxUnfinishedPerPartition: 4,
      onRecords(batch) {
        inHand.push(...batch);
        seen.push(...batch.map(text));
        mostInHand = Math.max(mostInHand, inHand.length);
      },
    });
    while (seen.length < 20) {
      await waitFor(() => inHand.length > 0, 'more records');
      for (const r of inHand.splice(0)) r.done();
    }
    t.true(mostInHand <= 4, `at most 4 unfinished records were handed out, saw ${mostInHand}`);
    t.deepEqual(
      seen,
      Array.from({ length: 20 }, (_, i) => `r${i}`),
    );
    await subscription.stop();
  });

  test(`${name} › records of a failed onRecords call are delivered again`, async (t) => {
    const { log } = await setup(t);
    await log.append(
      'events',
      records(5, () => 'evt_retry'),
    );
    const calls: string[][] = [];
    const subscription = await log.subscribe({
      groupId: group(),
      topic: 'events',
      onRecords(batch) {
        calls.push(batch.map(text));
        if (calls.length === 1) throw new Error('router database down');
        for (const r of batch) r.done();
      },
    });
    await waitFor(() => calls.flat().filter((v) => v === 'r4').length >= 2, 'the records again');
    t.deepEqual(calls[0], ['r0', 'r1', 'r2', 'r3', 'r4']);
    t.deepEqual(calls.slice(1).flat(), ['r0', 'r1', 'r2', 'r3', 'r4']);
    await subscription.stop();
  });

  test(`${name} › refuses keys longer than 128 characters and a limit of unfinished records below 1`, async (t) => {
    const { log } = await setup(t);
    await t.throwsAsync(log.append('events', [{ key: 'k'.repeat(129), value: Buffer.from('x') }]), {
      instanceOf: RangeError,
    });
    await t.throwsAsync(
      log.subscribe({
        groupId: group(),
        topic: 'events',
        maxUnfinishedPerPartition: 0,
        onRecords: () => undefined,
      }),
      { instanceOf: RangeError },
    );
    await t.notThrowsAsync(log.append('events', [{ key: 'k'.repeat(128), value: Buffer.from('x') }]));
  });

  test(`${name} › the overflow topics hold their own records, each key on its main topic's partition`, async (t) => {
    const { log } = await setup(t);
    for (const topic of LOG_TOPICS) {
      await log.append(
        topic,
        records(24, (i) => `key-${i}`, `${topic}:`),
      );
    }
    const subscribers = await Promise.all(
      LOG_TOPICS.map((topic) => consume(log, { groupId: group(), topic })),
    );
    await waitFor(() => subscribers.every((s) => s.received.length >= 24), 'the records of every topic');
    const partitionOf = new Map<string, number>();
    for (const [i, topic] of LOG_TOPICS.entries()) {
      const { received, subscription } = subscribers[i]!;
      t.is(received.length, 24, topic);
      t.true(
        received.every((r) => r.topic === topic && text(r).startsWith(`${topic}:`)),
        `${topic} holds only its own records`,
      );
      await subscription.stop();
      if (topic === 'events' || topic === 'deliveries') continue;
      const main = topic === 'events-overflow' ? 'events' : 'deliveries';
      const mainRecords = subscribers[LOG_TOPICS.indexOf(main)]!.received;
      for (const r of mainRecords) partitionOf.set(`${main}/${r.key}`, r.partition);
      t.true(
        received.every((r) => partitionOf.get(`${main}/${r.key}`) === r.partition),
        `${topic} has as many partitions as ${main}`,
      );
    }
  });

  test(`${name} › a paused subscription hands over nothing new; its records in hand still finish and commit`, async (t) => {
    const { backing, log } = await setup(t);
    const topic: LogTopic = 'deliveries-overflow';
    await log.append(
      topic,
      records(10, (i) => `ep_${i % 3}`),
    );
    const groupId = group();
    const paused = await consume(log, { groupId, topic, autoDone: false });
    await waitFor(() => paused.received.length >= 10, 'ten records');
    paused.subscription.pause();
    paused.subscription.pause();

    await log.append(
      topic,
      records(10, (i) => `ep_${i % 3}`, 's'),
    );
    const witness = await consume(log, { groupId: group(), topic });
    await waitFor(() => witness.received.length >= 20, 'another group to see all twenty records');
    for (const r of paused.received) r.done();
    await waitUntil(
      async () => (await backing.committed(groupId, topic)) === 10,
      'the records finished while paused to be committed',
    );
    await fetchRounds();
    t.is(paused.received.length, 10, 'nothing new was handed over while paused');

    paused.subscription.resume();
    paused.subscription.resume();
    await waitFor(() => paused.received.length >= 20, 'the new records after resume()');
    t.deepEqual(
      paused.received.slice(10).map(text).sort(),
      Array.from({ length: 10 }, (_, i) => `s${i}`).sort(),
    );
    for (const r of paused.received.slice(10)) r.done();
    await waitUntil(async () => (await backing.committed(groupId, topic)) === 20, 'every record committed');
    t.is(paused.received.length, 20, 'nothing was handed over twice');
    await Promise.all([paused.subscription.stop(), witness.subscription.stop()]);
  });

  test(`${name} › partitions a paused subscription gains in a rebalance start paused`, async (t) => {
    const { backing, log } = await setup(t);
    const groupId = group();
    const a = await consume(log, { groupId, topic: 'events', paused: true });
    const b = await consume(await backing.open(), { groupId, topic: 'events' });
    const all = backing.partitions.events;
    await waitFor(() => {
      const pa = a.subscription.assignedPartitions().length;
      const pb = b.subscription.assignedPartitions().length;
      return pa > 0 && pb > 0 && pa + pb === all;
    }, 'both members to own a share of the partitions');
    await b.subscription.stop();
    await waitFor(
      () => a.subscription.assignedPartitions().length === all,
      'the paused member to take every partition',
    );

    await log.append(
      'events',
      records(40, (i) => `evt_${i}`),
    );
    const witness = await consume(log, { groupId: group(), topic: 'events' });
    await waitFor(() => witness.received.length >= 40, 'another group to see every record');
    await fetchRounds();
    t.is(a.received.length, 0, 'nothing was handed over while paused');

    a.subscription.resume();
    await waitFor(() => a.received.length >= 40, 'every record after resume()');
    t.is(new Set(a.received.map(text)).size, 40);
    t.is(a.received.length, 40);
    await Promise.all([a.subscription.stop(), witness.subscription.stop()]);
  });

  test(`${name} › stop() and close() resolve with records unfinished; a closed log refuses appends`, async (t) => {
    const { log } = await setup(t);
    await log.append(
      'deliveries',
      records(3, (i) => `ep_${i}`),
    );
    const { received, subscription } = await consume(log, {
      groupId: group(),
      topic: 'deliveries',
      autoDone: false,
    });
    await waitFor(() => received.length >= 3, 'three records');
    await subscription.stop({ graceMs: 50 });
    t.deepEqual(subscription.assignedPartitions(), []);
    t.notThrows(() => received[0]!.done());
    await log.close();
    const topic: LogTopic = 'events';
    const error = await t.throwsAsync(
      log.append(
        topic,
        records(1, () => 'k'),
      ),
      { instanceOf: LogUnavailableError },
    );
    t.is(error?.code, 'CARAVAN_LOG_UNAVAILABLE');
    t.true(error?.retriable);
  });
}
