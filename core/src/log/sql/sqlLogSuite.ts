import type { TestFn } from 'ava';
import { pino } from 'pino';
import { ManualClock } from '../../domain/Clock.js';
import { LogUnavailableError } from '../../errors/index.js';
import type { Database } from '../../storage/index.js';
import type { LogRecord } from '../InternalLog.js';
import { runInternalLogSuite, waitFor } from '../internalLogSuite.js';
import { SqlConsumerGroup } from './SqlConsumerGroup.js';
import { SqlLogRetention } from './SqlLogRetention.js';
import type { SqlInternalLog, SqlInternalLogOptions } from './SqlInternalLog.js';

/** A migrated database that several `SqlInternalLog`s share, each with its own connection pool. */
export interface SqlLogBacking {
  partitions: { events: number; deliveries: number };
  /** A new connection pool on the database, as another process would have. */
  connect(): Database;
  open(options?: Partial<SqlInternalLogOptions>): Promise<SqlInternalLog>;
  cleanup(): Promise<void>;
}

/** Default test settings: short polls and leases so group changes settle quickly. */
export const testLogSettings = { pollIntervalMs: 20, leaseMs: 1500, retryBackoffMs: 50 };

async function waitForOffset(db: Database, groupId: string, offset: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = (await db('log_offsets')
      .where({ group_id: groupId, topic: 'events', partition: 0 })
      .first()) as { committed_offset: number | string } | undefined;
    if (Number(row?.committed_offset) === offset) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for committed offset ${offset}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The port suite plus what only the SQL log has: leases, fencing, partition rows. */
export function runSqlLogSuite(
  test: TestFn,
  name: string,
  createBacking: () => Promise<SqlLogBacking>,
): void {
  runInternalLogSuite(test, name, async () => {
    const backing = await createBacking();
    let db: Database | undefined;
    return {
      ...backing,
      async committed(groupId, topic) {
        db ??= backing.connect();
        const row = (await db('log_offsets')
          .where({ group_id: groupId, topic })
          .sum({ total: 'committed_offset' })
          .first()) as { total: number | string | null } | undefined;
        return Number(row?.total ?? 0);
      },
    };
  });

  test(`${name} › a member whose lease expired loses its partitions, and its commits are fenced off`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    const db = backing.connect();
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const member = (memberId: string) =>
      new SqlConsumerGroup({ db, clock, groupId: 'fence', topic: 'events', memberId, leaseMs: 1000 });
    const a = member('a');
    const b = member('b');

    const first = await a.rebalance(new Set(), 2);
    t.deepEqual([...first.acquired.keys()], [0, 1]);
    t.true(await a.commit(0, 5n));
    t.deepEqual([...(await b.rebalance(new Set(), 2)).acquired.keys()], [], 'live leases are not taken');

    clock.advance(1001);
    const takeover = await b.rebalance(new Set(), 2);
    t.deepEqual(
      [...takeover.acquired.entries()],
      [
        [0, 5n],
        [1, 0n],
      ],
    );
    t.false(await a.commit(0, 9n), 'the stale member cannot move the offset');
    t.deepEqual((await a.rebalance(new Set([0, 1]), 2)).lost, [0, 1]);
    t.true(await b.commit(0, 7n));
    const row = (await db('log_offsets')
      .where({ group_id: 'fence', topic: 'events', partition: 0 })
      .first()) as {
      committed_offset: number | string;
    };
    t.is(Number(row.committed_offset), 7);
  });

  test(`${name} › when a member stops renewing, another takes over from the committed offset`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    const db = backing.connect();
    const partitions = { events: 1, deliveries: 1 };
    const stalled = new ManualClock(Date.UTC(2026, 0, 1));
    const a = await backing.open({ clock: stalled, partitions });
    await a.append(
      'events',
      Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: Buffer.from(`r${i}`) })),
    );
    const groupId = 'takeover';
    const gotA: LogRecord[] = [];
    const subA = await a.subscribe({ groupId, topic: 'events', onRecords: (r) => void gotA.push(...r) });
    await waitFor(() => gotA.length >= 10, 'the first member to get ten records');
    for (const r of gotA.slice(0, 5)) r.done();
    await waitForOffset(db, groupId, 5);

    // Seen from a member whose clock is past the first member's lease, that member is gone.
    const later = new ManualClock(stalled.now() + testLogSettings.leaseMs + 1);
    const b = await backing.open({ clock: later, partitions });
    const gotB: LogRecord[] = [];
    await b.subscribe({ groupId, topic: 'events', onRecords: (r) => void gotB.push(...r) });
    await waitFor(() => gotB.length >= 5, 'the second member to take the partition over');
    t.deepEqual(
      gotB.map((r) => r.value.toString()),
      ['r5', 'r6', 'r7', 'r8', 'r9'],
    );
    await waitFor(
      () => subA.assignedPartitions().length === 0,
      'the first member to notice it lost the partition',
    );
    for (const r of gotA.slice(5)) r.done();
    for (const r of gotB.slice(0, 2)) r.done();
    await waitForOffset(db, groupId, 7);
    t.pass();
  });

  test(`${name} › an existing log keeps its partitions when configured with fewer`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    await (await backing.open({ partitions: { events: 4, deliveries: 4 } })).init();
    const smaller = await backing.open({ partitions: { events: 2, deliveries: 2 } });
    await smaller.append(
      'events',
      Array.from({ length: 50 }, (_, i) => ({ key: `evt_${i}`, value: Buffer.from(String(i)) })),
    );
    const rows = (await backing.connect()('log_partitions').where({ topic: 'events' })) as {
      next_offset: number;
    }[];
    t.is(rows.length, 4);
    t.true(rows.filter((r) => Number(r.next_offset) > 0).length > 2, 'keys spread over all four partitions');
  });

  test(`${name} › append rejects with the retriable LogUnavailableError when the database is gone`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    const db = backing.connect();
    const log = await backing.open({ db });
    await log.init();
    await db.destroy();
    const error = await t.throwsAsync(log.append('events', [{ key: 'k', value: Buffer.from('x') }]), {
      instanceOf: LogUnavailableError,
    });
    t.true(error?.retriable);
  });

  test(`${name} › retention deletes the old records every group committed past, and only those`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    const db = backing.connect();
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const partitions = { events: 1, deliveries: 1 };
    const log = await backing.open({ clock, partitions });
    await log.append(
      'events',
      Array.from({ length: 30 }, (_, i) => ({ key: 'k', value: Buffer.from(`r${i}`) })),
    );
    await log.append('deliveries', [{ key: 'ep', value: Buffer.from('never consumed') }]);
    // Two groups on `events`: one finished 20 records, the other 25.
    for (const [groupId, finished] of [
      ['retention-a', 20],
      ['retention-b', 25],
    ] as const) {
      const got: LogRecord[] = [];
      const sub = await log.subscribe({ groupId, topic: 'events', onRecords: (r) => void got.push(...r) });
      await waitFor(() => got.length >= 30, `${groupId} to get every record`);
      for (const r of got.slice(0, finished)) r.done();
      await sub.stop({ graceMs: 0 });
    }
    const offsets = async (topic: string) =>
      (await db('log_records').where({ topic }).orderBy('offset').select<{ offset: number }[]>('offset')).map(
        (r) => Number(r.offset),
      );
    const retention = new SqlLogRetention({
      db,
      clock,
      logger: pino({ level: 'silent' }),
      retentionMs: 60_000,
      intervalMs: 60_000,
      batchRows: 7,
    });

    t.is(await retention.sweep(), 0, 'records younger than the retention stay');
    clock.advance(60_001);
    await log.append('events', [{ key: 'k', value: Buffer.from('young') }]);
    t.is(await retention.sweep(), 20, 'everything below the slowest group goes, in batches of 7');
    t.deepEqual(
      await offsets('events'),
      Array.from({ length: 11 }, (_, i) => 20 + i),
    );
    t.deepEqual(await offsets('deliveries'), [0], 'a topic no group consumed keeps its records');

    // The records the slow group had not finished come again, from its committed offset.
    const again: LogRecord[] = [];
    const sub = await log.subscribe({
      groupId: 'retention-a',
      topic: 'events',
      onRecords: (r) => void again.push(...r),
    });
    await waitFor(() => again.length >= 11, 'the unfinished records again');
    t.deepEqual(
      again.map((r) => r.value.toString()),
      [...Array.from({ length: 10 }, (_, i) => `r${20 + i}`), 'young'],
    );
    await sub.stop({ graceMs: 0 });
  });

  test(`${name} › the log deletes consumed records by itself`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    const db = backing.connect();
    const log = await backing.open({ retentionMs: 0, retentionIntervalMs: 20 });
    await log.append(
      'events',
      Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`r${i}`) })),
    );
    const got: LogRecord[] = [];
    const sub = await log.subscribe({
      groupId: 'retention-self',
      topic: 'events',
      onRecords: (records) => {
        got.push(...records);
        for (const r of records) r.done();
      },
    });
    await waitFor(() => got.length >= 12, 'every record');
    const remaining = async () =>
      Number(
        (
          (await db('log_records').where({ topic: 'events' }).count({ n: '*' }).first()) as {
            n: number | string;
          }
        ).n,
      );
    const deadline = Date.now() + 30_000;
    while ((await remaining()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    t.is(await remaining(), 0);
    await sub.stop();
  });

  test(`${name} › a fetch hands over at most fetchMaxBytes of records, and a larger record alone`, async (t) => {
    const backing = await createBacking();
    t.teardown(() => backing.cleanup());
    const log = await backing.open({ fetchMaxBytes: 1_000_000 });
    const sizes = [400_000, 400_000, 400_000, 1_500_000, 100, 100, 400_000, 400_000];
    await log.append(
      'events',
      sizes.map((size, i) => ({ key: 'one-partition', value: Buffer.alloc(size, i) })),
    );
    const calls: number[][] = [];
    const sub = await log.subscribe({
      groupId: 'fetch-bytes',
      topic: 'events',
      onRecords: (records) => {
        calls.push(records.map((r) => r.value.length));
        for (const r of records) r.done();
      },
    });
    await waitFor(() => calls.flat().length >= sizes.length, 'every record');
    await sub.stop({ graceMs: 0 });
    t.deepEqual(calls.flat(), sizes, 'every record once, in order');
    for (const call of calls) {
      const bytes = call.reduce((a, b) => a + b, 0);
      t.true(call.length === 1 || bytes <= 1_000_000, `one call held ${call.length} records, ${bytes} bytes`);
    }
  });
}
