import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import { migrationsDir } from '@caravan/testing';
import { ManualClock } from '../domain/Clock.js';
import { encodeRecord, type DeliveryRecord } from '../domain/pipelineRecords.js';
import { SqlInternalLog } from '../log/sql/SqlInternalLog.js';
import { createDatabase, createMigrator } from '../storage/index.js';
import { createDispatcher, type DispatcherDeps } from './Dispatcher.js';
import {
  MemoryDispatchRepository,
  MemoryDispatchTargets,
  ScriptedSender,
  stateOf,
  testEndpoint,
  testRecord,
} from './testing/memoryDispatch.js';

/** A dispatcher on the SQL log of an in-memory SQLite database, with in-memory rows, endpoints and sender. */
async function setup(t: ExecutionContext, options: Partial<DispatcherDeps> = {}) {
  const db = createDatabase({ client: 'sqlite', filename: ':memory:' });
  await createMigrator({ db, directory: migrationsDir }).latest();
  const log = new SqlInternalLog({ db, partitions: { events: 1, deliveries: 1 }, pollIntervalMs: 10 });
  const deliveries = new MemoryDispatchRepository();
  const targets = new MemoryDispatchTargets();
  const sender = new ScriptedSender();
  const dispatcher = createDispatcher({
    log,
    deliveries,
    endpoints: targets,
    sender,
    clock: new ManualClock(Date.now()),
    logger: pino({ level: 'silent' }),
    userAgent: 'Caravan/0.0.0-test',
    flushIntervalMs: 5,
    ...options,
  });
  t.teardown(async () => {
    await dispatcher.stop({ graceMs: 0 });
    await log.close({ graceMs: 0 });
    await db.destroy();
  });
  const endpoint = testEndpoint();
  targets.add(endpoint);
  /** Stores the rows of fresh deliveries to the endpoint and appends their records. */
  const append = async (count: number): Promise<DeliveryRecord[]> => {
    const records = Array.from({ length: count }, () => testRecord(endpoint));
    for (const record of records) deliveries.add(stateOf(record));
    await log.append(
      'deliveries',
      records.map((r) => ({ key: r.endpointId, value: encodeRecord(r) })),
    );
    return records;
  };
  const statusOf = (record: DeliveryRecord) => deliveries.rows.get(record.deliveryId)?.status;
  return { db, log, deliveries, sender, dispatcher, append, statusOf };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('createDispatcher › sends every appended delivery once and stores its outcome', async (t) => {
  const s = await setup(t);
  await s.dispatcher.start();
  const records = await s.append(5);
  await until(() => records.every((r) => s.statusOf(r) === 'succeeded'), 'every delivery to succeed');
  t.is(s.sender.requests.length, 5);
  t.deepEqual(
    new Set(s.sender.requests.map((r) => r.headers['webhook-id'])),
    new Set(records.map((r) => r.eventId)),
  );
});

test('createDispatcher › a record of a delivery already settled is skipped without a send', async (t) => {
  const s = await setup(t);
  const [settled] = await s.append(1);
  s.deliveries.rows.set(settled!.deliveryId, stateOf(settled!, { status: 'succeeded', attemptCount: 1 }));
  await s.dispatcher.start();
  const [next] = await s.append(1);
  await until(() => s.statusOf(next!) === 'succeeded', 'the later delivery to succeed');
  t.deepEqual(
    s.sender.requests.map((r) => r.headers['webhook-id']),
    [next!.eventId],
  );
});

test('createDispatcher › stop lets a send in flight finish, stores its outcome, and sends nothing more', async (t) => {
  const s = await setup(t);
  let answer!: () => void;
  s.sender.answer = () => new Promise((resolve) => (answer = () => resolve({})));
  await s.dispatcher.start();
  const [first] = await s.append(1);
  await until(() => s.sender.requests.length === 1, 'the send to start');
  const stopped = s.dispatcher.stop({ graceMs: 5_000 });
  t.is(s.dispatcher.stop(), stopped, 'stop is idempotent');
  await s.append(1);
  answer();
  await stopped;
  t.is(s.statusOf(first!), 'succeeded');
  t.is(s.sender.requests.length, 1);
});
