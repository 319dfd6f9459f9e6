import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import {
  deliveryRow,
  openDispatchBacking,
  seedDelivery,
  seedEndpoint,
  seedTenant,
  testKeyRing,
  type DispatchBacking,
} from '../../../tests/support/dispatching.js';
import { ManualClock } from '../domain/Clock.js';
import { decodeDeliveryRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import { SqlInternalLog } from '../log/sql/SqlInternalLog.js';
import type { Database } from '../storage/createDatabase.js';
import { KnexSchedulerRepository } from '../storage/knex/KnexSchedulerRepository.js';
import { createScheduler, type SchedulerDeps } from './Scheduler.js';

const logger = pino({ level: 'silent' });

async function setup(t: ExecutionContext, backend: 'sqlite' | 'mariadb') {
  const backing = await openDispatchBacking(backend);
  t.teardown(() => backing.cleanup());
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const tenantId = await seedTenant(backing.db);
  const endpoints: string[] = [];
  for (let i = 0; i < 4; i++) {
    endpoints.push(
      (await seedEndpoint(backing.db, testKeyRing(), tenantId, { url: 'http://127.0.0.1:9/hook' })).id,
    );
  }
  /** A scheduler with its own connection pool and log, as another process would have. */
  const scheduler = (options: Partial<SchedulerDeps> = {}) => {
    const db = backend === 'sqlite' ? backing.db : backing.connect();
    const log =
      backend === 'sqlite'
        ? backing.log
        : new SqlInternalLog({ db, partitions: { events: 1, deliveries: 1 } });
    return createScheduler({
      log,
      deliveries: new KnexSchedulerRepository({ db }),
      clock,
      logger,
      ...options,
    });
  };
  return { ...backing, clock, tenantId, endpoints, scheduler };
}

async function appendedRecords(db: Database): Promise<DeliveryRecord[]> {
  const rows = await db('log_records').where({ topic: 'deliveries' }).select<{ value: Buffer }[]>('value');
  return rows.map((r) => decodeDeliveryRecord(Buffer.from(r.value)));
}

async function seedMany(
  s: DispatchBacking & { tenantId: string; endpoints: string[] },
  count: number,
  fields: { status?: string; attemptCount?: number; nextAttemptAt?: number | null },
) {
  const records: DeliveryRecord[] = [];
  for (let i = 0; i < count; i++) {
    records.push(
      await seedDelivery(s.db, {
        tenantId: s.tenantId,
        endpointId: s.endpoints[i % s.endpoints.length]!,
        status: 'retrying',
        attemptCount: 1 + (i % 3),
        ...fields,
      }),
    );
  }
  return records;
}

async function drain(scheduler: { runOnce(): Promise<number> }): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await scheduler.runOnce();
    if (n === 0) return total;
    total += n;
  }
}

test('[mariadb] Scheduler › two schedulers at once append every due delivery exactly once', async (t) => {
  const s = await setup(t, 'mariadb');
  const now = s.clock.now();
  const due = await seedMany(s, 300, { nextAttemptAt: now - 1_000 });
  due.push(...(await seedMany(s, 100, { status: 'pending', attemptCount: 0, nextAttemptAt: now })));
  const later = await seedMany(s, 50, { nextAttemptAt: now + 1 });

  const a = s.scheduler({ batchSize: 20 });
  const b = s.scheduler({ batchSize: 20 });
  const [byA, byB] = await Promise.all([drain(a), drain(b)]);
  t.log(`scheduler a appended ${byA}, scheduler b ${byB}`);
  t.is(byA + byB, due.length);

  const appended = await appendedRecords(s.db);
  t.is(appended.length, due.length, 'one record per due delivery, no double append');
  const byId = new Map(appended.map((r) => [r.deliveryId, r]));
  t.is(byId.size, due.length);
  for (const expected of due) t.deepEqual(byId.get(expected.deliveryId), expected);
  for (const record of due) {
    t.like(await deliveryRow(s.db, record.deliveryId), { next_attempt_at: null, claimed_until: null });
  }
  for (const record of later) {
    t.false(byId.has(record.deliveryId));
    t.like(await deliveryRow(s.db, record.deliveryId), {
      status: 'retrying',
      next_attempt_at: now + 1,
      claimed_until: null,
    });
  }
});

for (const backend of ['sqlite', 'mariadb'] as const) {
  test(`[${backend}] Scheduler › appends due deliveries with their event's payload, and leaves later ones`, async (t) => {
    const s = await setup(t, backend);
    const now = s.clock.now();
    const due = await seedMany(s, 7, { nextAttemptAt: now });
    const later = await seedMany(s, 3, { nextAttemptAt: now + 5_000 });
    const settled = await seedMany(s, 2, { status: 'succeeded', nextAttemptAt: now - 5_000 });
    const scheduler = s.scheduler();
    t.is(await scheduler.runOnce(), 7);
    t.is(await scheduler.runOnce(), 0);
    const appended = await appendedRecords(s.db);
    t.deepEqual(appended.map((r) => r.deliveryId).sort(), due.map((r) => r.deliveryId).sort());
    t.deepEqual(
      appended.find((r) => r.deliveryId === due[0]!.deliveryId),
      due[0],
    );
    for (const r of [...later, ...settled]) t.is((await deliveryRow(s.db, r.deliveryId)).claimed_until, null);

    s.clock.advance(5_000);
    t.is(await scheduler.runOnce(), 3);
    t.is((await appendedRecords(s.db)).length, 10);
  });

  test(`[${backend}] Scheduler › a claim that was never appended is taken again once it expires`, async (t) => {
    const s = await setup(t, backend);
    const now = s.clock.now();
    const [record] = await seedMany(s, 1, { nextAttemptAt: now });
    // A scheduler that claimed the row and died before appending.
    const crashed = await new KnexSchedulerRepository({ db: s.db }).claimDue({
      now,
      limit: 10,
      claimUntil: now + 60_000,
    });
    t.is(crashed.length, 1);
    const scheduler = s.scheduler({ claimTtlMs: 60_000 });
    t.is(await scheduler.runOnce(), 0, 'the claim keeps other schedulers off');
    s.clock.advance(60_000);
    t.is(await scheduler.runOnce(), 1);
    t.deepEqual(await appendedRecords(s.db), [record]);
  });

  test(`[${backend}] Scheduler › releasing a claim keeps what the dispatcher wrote meanwhile`, async (t) => {
    const s = await setup(t, backend);
    const now = s.clock.now();
    const [record] = await seedMany(s, 1, { nextAttemptAt: now, attemptCount: 1 });
    const repo = new KnexSchedulerRepository({ db: s.db });
    const claimUntil = now + 60_000;
    await repo.claimDue({ now, limit: 10, claimUntil });
    // The dispatcher handled the appended record before the scheduler released its claim.
    await s
      .db('deliveries')
      .where({ id: record!.deliveryId })
      .update({ attempt_count: 2, next_attempt_at: now + 300_000, claimed_until: null });
    await repo.release([record!.deliveryId], claimUntil, now);
    t.like(await deliveryRow(s.db, record!.deliveryId), { attempt_count: 2, next_attempt_at: now + 300_000 });
  });

  test(`[${backend}] Scheduler › a stranded delivery is appended again, once per rescue period`, async (t) => {
    const s = await setup(t, backend);
    const now = s.clock.now();
    const [stranded] = await seedMany(s, 1, { status: 'pending', attemptCount: 0, nextAttemptAt: null });
    await s
      .db('deliveries')
      .where({ id: stranded!.deliveryId })
      .update({ created_at: now - 31 * 60_000, updated_at: now - 31 * 60_000 });
    const [fresh] = await seedMany(s, 1, { status: 'pending', attemptCount: 0, nextAttemptAt: null });
    await s
      .db('deliveries')
      .where({ id: fresh!.deliveryId })
      .update({ created_at: now - 60_000, updated_at: now - 60_000 });
    const scheduler = s.scheduler({ rescueAfterMs: 30 * 60_000 });
    t.is(await scheduler.rescueOnce(), 1);
    t.is(await scheduler.rescueOnce(), 0, 'not again while the first copy may still be on its way');
    t.deepEqual(await appendedRecords(s.db), [stranded]);
    t.is(await s.scheduler({ rescueAfterMs: null }).rescueOnce(), 0);
    s.clock.advance(30 * 60_000);
    t.is(await scheduler.rescueOnce(), 2, 'the first one again, and the other now that it is stranded too');
  });

  test(`[${backend}] Scheduler › a due delivery whose event is gone fails instead of looping`, async (t) => {
    const s = await setup(t, backend);
    const now = s.clock.now();
    const [record] = await seedMany(s, 1, { nextAttemptAt: now });
    await s.db('events').where({ id: record!.eventId }).delete();
    t.is(await s.scheduler().runOnce(), 1);
    t.like(await deliveryRow(s.db, record!.deliveryId), { status: 'failed', next_attempt_at: null });
    t.deepEqual(await appendedRecords(s.db), []);
  });
}

test('[sqlite] Scheduler › start runs rounds until stopped', async (t) => {
  const s = await setup(t, 'sqlite');
  const [record] = await seedMany(s, 1, { nextAttemptAt: s.clock.now() });
  const scheduler = s.scheduler({ intervalMs: 10 });
  scheduler.start();
  const deadline = Date.now() + 10_000;
  while ((await appendedRecords(s.db)).length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await scheduler.stop();
  t.deepEqual(await appendedRecords(s.db), [record]);
});
