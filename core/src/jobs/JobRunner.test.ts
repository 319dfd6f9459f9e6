import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { insertDeliveryRow, insertEndpointRow, migrationsDir } from '@caravan/testing';
import { ManualClock } from '../domain/Clock.js';
import { newId } from '../domain/ids.js';
import { EventNotFoundError, LogUnavailableError } from '../errors/index.js';
import { createLogger } from '../observability/index.js';
import { createDatabase } from '../storage/createDatabase.js';
import { KnexDeliveryRepository } from '../storage/knex/KnexDeliveryRepository.js';
import { KnexJobRepository } from '../storage/knex/KnexJobRepository.js';
import { createMigrator } from '../storage/Migrator.js';
import { createJobRunner } from './JobRunner.js';

async function setup() {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-jobs-')), 'j.sqlite'),
  });
  await createMigrator({ db, directory: migrationsDir }).latest();
  const tenantId = newId('tnt');
  await db('tenants').insert({
    id: tenantId,
    name: 'T',
    ingest_per_second: 10,
    deliveries_per_second: 10,
    max_endpoints: 10,
    max_payload_bytes: 1024,
    created_at: 0,
    updated_at: 0,
  });
  const clock = new ManualClock(Date.UTC(2026, 10, 30));
  const jobs = new KnexJobRepository({ db });
  const runner = createJobRunner({
    jobs,
    deliveries: new KnexDeliveryRepository({ db }),
    clock,
    logger: createLogger({ level: 'silent', name: 'test' }),
    chunkSize: 2,
  });
  return { db, tenantId, clock, jobs, runner };
}

async function statusOf(db: ReturnType<typeof createDatabase>, id: string) {
  return db('deliveries')
    .where({ id })
    .first<{ status: string; next_trigger: string | null; next_attempt_at: number | null }>(
      'status',
      'next_trigger',
      'next_attempt_at',
    );
}

test('JobRunner › bulk retry queues a manual attempt for every matching delivery, skipping disabled endpoints', async (t) => {
  const { db, tenantId, clock, jobs, runner } = await setup();
  t.teardown(() => db.destroy());
  const ep = await insertEndpointRow(db, tenantId);
  const off = await insertEndpointRow(db, tenantId, { status: 'disabled' });
  const since = Date.UTC(2026, 10, 1);
  const failed = [];
  for (let i = 0; i < 5; i++)
    failed.push(
      await insertDeliveryRow(db, { tenantId, endpointId: ep, status: 'failed', createdAt: since + i }),
    );
  const succeeded = await insertDeliveryRow(db, {
    tenantId,
    endpointId: ep,
    status: 'succeeded',
    createdAt: since + 10,
  });
  const tooOld = await insertDeliveryRow(db, {
    tenantId,
    endpointId: ep,
    status: 'failed',
    createdAt: since - 1,
  });
  const toDisabled = await insertDeliveryRow(db, {
    tenantId,
    endpointId: off,
    status: 'failed',
    createdAt: since + 20,
  });
  const jobId = newId('job');
  await jobs.insert({
    id: jobId,
    tenantId,
    type: 'bulk_retry',
    params: { status: ['failed'], since },
    status: 'queued',
    total: null,
    processed: 0,
    error: null,
    createdAt: clock.now(),
    updatedAt: clock.now(),
  });
  await runner.runOnce();
  for (const d of failed) {
    t.deepEqual(await statusOf(db, d.deliveryId), {
      status: 'pending',
      next_trigger: 'manual',
      next_attempt_at: clock.now(),
    });
  }
  t.is((await statusOf(db, succeeded.deliveryId)).status, 'succeeded');
  t.is((await statusOf(db, tooOld.deliveryId)).status, 'failed');
  t.is(
    (await statusOf(db, toDisabled.deliveryId)).status,
    'failed',
    'deliveries to a disabled endpoint are skipped',
  );
  const job = await jobs.get(tenantId, jobId);
  t.like(job, { status: 'succeeded', total: 6, processed: 6, finishedAt: clock.now() });
});

test('JobRunner › a job whose runner died is taken over and resumes from its saved position', async (t) => {
  const { db, tenantId, clock, jobs, runner } = await setup();
  t.teardown(() => db.destroy());
  const ep = await insertEndpointRow(db, tenantId);
  const since = Date.UTC(2026, 10, 1);
  const rows = [];
  for (let i = 0; i < 4; i++)
    rows.push(
      await insertDeliveryRow(db, { tenantId, endpointId: ep, status: 'failed', createdAt: since + i }),
    );
  const jobId = newId('job');
  await jobs.insert({
    id: jobId,
    tenantId,
    type: 'endpoint_recover',
    params: { endpointId: ep, since, until: since + 100 },
    status: 'queued',
    total: null,
    processed: 0,
    error: null,
    createdAt: clock.now(),
    updatedAt: clock.now(),
  });
  // A runner claims the job, handles the first two deliveries, then dies.
  const claimed = await jobs.claimNext(clock.now(), clock.now() - 60_000);
  t.is(claimed?.id, jobId);
  await db('deliveries')
    .whereIn('id', [rows[0]!.deliveryId, rows[1]!.deliveryId])
    .update({ status: 'succeeded' });
  const { encodeCursor } = await import('../storage/Page.js');
  await jobs.progress(jobId, {
    processed: 2,
    total: 4,
    cursor: encodeCursor({ value: since + 1, id: rows[1]!.deliveryId }),
    now: clock.now(),
  });
  t.is(await jobs.claimNext(clock.now(), clock.now() - 60_000), undefined, 'a live job is not taken twice');

  clock.advance(61_000);
  await runner.runOnce();
  t.is(
    (await statusOf(db, rows[0]!.deliveryId)).status,
    'succeeded',
    'work before the saved position is not redone',
  );
  t.is((await statusOf(db, rows[2]!.deliveryId)).status, 'pending');
  t.is((await statusOf(db, rows[3]!.deliveryId)).status, 'pending');
  t.like(await jobs.get(tenantId, jobId), { status: 'succeeded', processed: 4, total: 4 });
});

test('JobRunner › a retriable failure leaves the job to be taken again; any other fails it with its code', async (t) => {
  const { db, tenantId, clock, jobs } = await setup();
  t.teardown(() => db.destroy());
  const failures: Error[] = [new LogUnavailableError('log down'), new EventNotFoundError('evt_1')];
  const runner = createJobRunner({
    jobs,
    deliveries: new KnexDeliveryRepository({ db }),
    clock,
    logger: createLogger({ level: 'silent', name: 'test' }),
    extraHandlers: {
      event_replay: () => {
        const failure = failures.shift();
        return failure ? Promise.reject(failure) : Promise.resolve();
      },
    },
  });
  const jobId = newId('job');
  await jobs.insert({
    id: jobId,
    tenantId,
    type: 'event_replay',
    params: { eventId: 'evt_1' },
    status: 'queued',
    total: null,
    processed: 0,
    error: null,
    createdAt: clock.now(),
    updatedAt: clock.now(),
  });
  await runner.runOnce();
  t.like(await jobs.get(tenantId, jobId), { status: 'running', error: null }, 'the log will be back');
  await runner.runOnce();
  t.like(await jobs.get(tenantId, jobId), { status: 'running' }, 'not taken again before it is stale');

  clock.advance(61_000);
  await runner.runOnce();
  t.like(await jobs.get(tenantId, jobId), {
    status: 'failed',
    error: { code: 'CARAVAN_EVENT_NOT_FOUND', message: 'Event evt_1 does not exist.' },
  });
  t.is(failures.length, 0);
});
