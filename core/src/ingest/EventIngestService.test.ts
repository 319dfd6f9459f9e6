import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { migrationsDir } from '@caravan/testing';
import { ManualClock } from '../domain/Clock.js';
import { derivedEventId, isId } from '../domain/ids.js';
import { decodeEventRecord, type EventRecord } from '../domain/pipelineRecords.js';
import type { TenantLimits } from '../domain/tenant.js';
import {
  CaravanError,
  LogUnavailableError,
  TenantGoneError,
  ValidationError,
  toPointer,
} from '../errors/index.js';
import { SqlInternalLog } from '../log/sql/SqlInternalLog.js';
import { tenantShardKey } from '../log/tenantShardKey.js';
import { EventTypeService } from '../management/EventTypeService.js';
import { createDatabase } from '../storage/createDatabase.js';
import { createMigrator } from '../storage/Migrator.js';
import { KnexEventRepository } from '../storage/knex/KnexEventRepository.js';
import { KnexEventTypeRepository } from '../storage/knex/KnexEventTypeRepository.js';
import { EventIngestService, batchItemOf, type EventIngestServiceDeps } from './EventIngestService.js';
import { IngestLane } from './IngestLane.js';
import type { IngestItem } from './ingestItem.js';

const TENANT = 'tnt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
const limits: TenantLimits = {
  ingestPerSecond: 100,
  deliveriesPerSecond: 100,
  maxEndpoints: 10,
  maxPayloadBytes: 64,
  eventShards: 2,
};

async function setup(t: ExecutionContext, overrides: Partial<EventIngestServiceDeps> = {}) {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-ingest-')), 'ingest.sqlite'),
  });
  await createMigrator({ db, directory: migrationsDir }).latest();
  await db('tenants').insert({
    id: TENANT,
    name: 'Ingest',
    ingest_per_second: 100,
    deliveries_per_second: 100,
    max_endpoints: 10,
    max_payload_bytes: 64,
    created_at: 0,
    updated_at: 0,
  });
  const log = new SqlInternalLog({ db, pollIntervalMs: 20 });
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const eventTypes = new EventTypeService({ eventTypes: new KnexEventTypeRepository({ db }), clock });
  const limitReads: string[] = [];
  const service = new EventIngestService({
    log,
    events: new KnexEventRepository({ db }),
    eventTypes,
    tenantSettings: (tenantId) => {
      limitReads.push(tenantId);
      return Promise.resolve(
        tenantId === TENANT ? { limits, requireRegisteredEventTypes: false } : undefined,
      );
    },
    clock,
    ...overrides,
  });
  t.teardown(async () => {
    await log.close({ graceMs: 0 });
    await db.destroy();
  });
  const appended = async (): Promise<EventRecord[]> => {
    const rows = (await db('log_records').where({ topic: 'events' }).orderBy('appended_at')) as {
      value: Buffer;
    }[];
    return rows.map((r) => decodeEventRecord(Buffer.from(r.value)));
  };
  return { db, log, clock, eventTypes, service, limitReads, appended };
}

const item = (fields: Partial<IngestItem> = {}): IngestItem => ({
  eventType: 'invoice.paid',
  payloadText: '{ "amount" : 1 }',
  payload: { amount: 1 },
  ...fields,
});

test('EventIngestService › appends each event with its exact payload text and answers its id', async (t) => {
  const { service, appended, clock } = await setup(t);
  const results = await service.ingest(
    TENANT,
    [
      item({ headers: { 'X-Trace': 't' }, ownerId: 'cus_1' }),
      item({ idempotencyKey: 'k-1', endpointId: 'ep_01' }),
    ],
    { batch: true, sourceId: 'src_01' },
  );
  t.true(isId('evt', results[0]!.id));
  t.deepEqual(results[1], { id: derivedEventId(TENANT, 'k-1'), duplicate: false });
  const records = await appended();
  t.deepEqual(
    records.sort((a, b) => (a.id === results[0]!.id ? -1 : b.id === results[0]!.id ? 1 : 0)),
    [
      {
        v: 1,
        id: results[0]!.id,
        tenantId: TENANT,
        eventType: 'invoice.paid',
        payload: '{ "amount" : 1 }',
        idempotencyKey: null,
        endpointId: null,
        ownerId: 'cus_1',
        headers: { 'X-Trace': 't' },
        sourceId: 'src_01',
        createdAt: clock.now(),
      },
      {
        v: 1,
        id: derivedEventId(TENANT, 'k-1'),
        tenantId: TENANT,
        eventType: 'invoice.paid',
        payload: '{ "amount" : 1 }',
        idempotencyKey: 'k-1',
        endpointId: 'ep_01',
        ownerId: null,
        headers: {},
        sourceId: 'src_01',
        createdAt: clock.now(),
      },
    ],
  );
});

test("EventIngestService › keys each event by its tenant shard, so a tenant's events use at most eventShards keys", async (t) => {
  let eventShards = 2;
  const { service, db } = await setup(t, {
    tenantSettings: () =>
      Promise.resolve({ limits: { ...limits, eventShards }, requireRegisteredEventTypes: false }),
    limitsTtlMs: 0,
  });
  const keysOf = async () => {
    const rows = await db('log_records')
      .where({ topic: 'events' })
      .select<{ record_key: string }[]>('record_key');
    return rows.map((r) => r.record_key).sort();
  };
  const batch = Array.from({ length: 20 }, (_, i) => item({ payloadText: `{"i":${i}}`, payload: { i } }));
  const first = await service.ingest(TENANT, batch, { batch: true });
  const keys = await keysOf();
  t.deepEqual(keys, first.map((r) => tenantShardKey(TENANT, r.id, 2)).sort());
  t.is(new Set(keys).size, 2, 'twenty events over both shards');

  eventShards = 1;
  await service.ingest(TENANT, batch, { batch: true });
  const single = tenantShardKey(TENANT, 'any', 1);
  const count = (all: string[]) => all.filter((k) => k === single).length;
  const after = await keysOf();
  t.is(after.length, 40);
  t.is(count(after), count(keys) + 20, 'the second batch all under the one key of a single shard');
});

test("EventIngestService › a tenant publishing beyond the main topic's rate has the rest appended to events-overflow", async (t) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const { service, db } = await setup(t, { clock, lane: new IngestLane({ clock, eventsPerSecond: 30 }) });
  const batch = (n: number) =>
    Array.from({ length: n }, (_, i) => item({ payloadText: `{"i":${i}}`, payload: { i } }));
  const topicsOf = async () => {
    const rows = await db('log_records').select<{ topic: string }[]>('topic');
    const count = (topic: string) => rows.filter((r) => r.topic === topic).length;
    return { events: count('events'), overflow: count('events-overflow') };
  };
  for (let i = 0; i < 3; i++) await service.ingest(TENANT, batch(10), { batch: true });
  t.deepEqual(await topicsOf(), { events: 30, overflow: 0 }, 'within the rate: the main topic');
  const flooded = await service.ingest(TENANT, batch(10), { batch: true });
  t.is(flooded.length, 10, 'accepted all the same');
  t.deepEqual(await topicsOf(), { events: 30, overflow: 10 }, 'beyond it: durable on the overflow topic');
  clock.advance(1000);
  await service.ingest(TENANT, batch(10), { batch: true });
  t.deepEqual(await topicsOf(), { events: 40, overflow: 10 }, 'a second later, the main topic again');
});

test('EventIngestService › validates the whole batch first and appends nothing when any item is bad', async (t) => {
  const { service, appended, eventTypes } = await setup(t);
  await eventTypes.create(TENANT, {
    name: 'invoice.paid',
    schema: { type: 'object', properties: { amount: { type: 'integer' } } },
  });
  const error = await t.throwsAsync(
    service.ingest(
      TENANT,
      [
        item(),
        item({ headers: { Host: 'evil.example' } }),
        item({ payload: { amount: 'one' }, payloadText: '{"amount":"one"}' }),
        item({ eventType: 'no spaces allowed', idempotencyKey: '' }),
      ],
      { batch: true },
    ),
    { instanceOf: ValidationError },
  );
  t.is(error.code, 'CARAVAN_VALIDATION_FAILED', 'shape problems outrank schema mismatches');
  t.deepEqual(error.errors.map((e) => toPointer(e.path)).sort(), [
    '/events/1/headers/Host',
    '/events/2/payload/amount',
    '/events/3/eventType',
    '/events/3/idempotencyKey',
  ]);
  t.deepEqual(
    error.errors.map((e) => batchItemOf(e)?.index).sort(),
    [1, 2, 3, 3],
    'each error names its item of the batch',
  );
  t.deepEqual(await appended(), []);
});

test('EventIngestService › a schema mismatch alone has its own code and names the field in the payload', async (t) => {
  const { service, appended, eventTypes } = await setup(t);
  await eventTypes.create(TENANT, {
    name: 'invoice.paid',
    schema: { type: 'object', required: ['currency'] },
  });
  const error = await t.throwsAsync(service.ingest(TENANT, [item()]), { instanceOf: ValidationError });
  t.is(error.code, 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH');
  t.deepEqual(error.errors, [{ path: ['payload', 'currency'], message: 'is required' }]);
  t.is(error.root, 'input');
  t.is(batchItemOf(error.errors[0]!), undefined, 'a single ingest names no batch item');
  t.deepEqual(await appended(), []);
});

test('EventIngestService › measures payloads in bytes against the tenant limit', async (t) => {
  const { service, appended } = await setup(t);
  const exactly = `"${'x'.repeat(62)}"`;
  await service.ingest(TENANT, [item({ payloadText: exactly, payload: 'x'.repeat(62) })]);
  const over = `"${'é'.repeat(32)}"`;
  const error = await t.throwsAsync(
    service.ingest(
      TENANT,
      [item(), item({ payloadText: over, payload: 'é'.repeat(32), headers: { Host: 'h' } })],
      {
        batch: true,
      },
    ),
    { instanceOf: ValidationError },
  );
  t.is(error.code, 'CARAVAN_PAYLOAD_TOO_LARGE', 'size outranks every other problem');
  t.deepEqual(error.errors[0], {
    path: ['events', 1, 'payload'],
    message: 'must be at most 64 bytes (it is 66)',
  });
  t.is(error.errors.length, 2, 'the other problems are still named');
  t.is((await appended()).length, 1);
});

test('EventIngestService › a key already persisted is a duplicate; its copy goes to the log for the router to skip', async (t) => {
  const { service, appended, db } = await setup(t);
  const id = derivedEventId(TENANT, 'order-1');
  await db('events').insert({
    id,
    tenant_id: TENANT,
    event_type: 'invoice.paid',
    payload: Buffer.from('{}'),
    created_at: 1,
  });
  const results = await service.ingest(
    TENANT,
    [
      item({ idempotencyKey: 'order-1' }),
      item({ idempotencyKey: 'order-2' }),
      item({ idempotencyKey: 'order-2' }),
    ],
    { batch: true },
  );
  t.deepEqual(results, [
    { id, duplicate: true },
    { id: derivedEventId(TENANT, 'order-2'), duplicate: false },
    { id: derivedEventId(TENANT, 'order-2'), duplicate: true },
  ]);
  const records = await appended();
  t.deepEqual(
    records.map((r) => r.id),
    [id, derivedEventId(TENANT, 'order-2')],
    'a key repeated within the batch is appended once',
  );
  // The router tells the copy by its creation time, which differs from the persisted event's.
  t.not(records[0]!.createdAt, 1);
});

test('EventIngestService › an event the router persisted while its own check ran is not a duplicate', async (t) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const { service } = await setup(t, {
    clock,
    // The check reads after the router has persisted this very record: same id, this request's time.
    events: { createdAtOf: (_, ids) => Promise.resolve(new Map(ids.map((id) => [id, clock.now()]))) },
  });
  const [result] = await service.ingest(TENANT, [item({ idempotencyKey: 'order-1' })]);
  t.deepEqual(result, { id: derivedEventId(TENANT, 'order-1'), duplicate: false });
});

test('EventIngestService › a log that cannot append surfaces as the retriable LogUnavailableError', async (t) => {
  const { service, log } = await setup(t);
  await log.close({ graceMs: 0 });
  const error = await t.throwsAsync(service.ingest(TENANT, [item()]), { instanceOf: LogUnavailableError });
  t.true(error.retriable);
  t.is(error.code, 'CARAVAN_LOG_UNAVAILABLE');
});

test('EventIngestService › reads tenant limits once per lifetime', async (t) => {
  const { service, limitReads, clock } = await setup(t);
  await service.ingest(TENANT, [item()]);
  await service.ingest(TENANT, [item()]);
  t.is(await service.maxPayloadBytes(TENANT), 64);
  t.is(limitReads.length, 1);
  clock.advance(5_000);
  await service.ingest(TENANT, [item()]);
  t.is(limitReads.length, 2);
});

test('EventIngestService › a tenant deleted since its key or source named it is TenantGoneError', async (t) => {
  const { service } = await setup(t);
  const error = await t.throwsAsync(service.ingest('tnt_gone', [item()]), { instanceOf: TenantGoneError });
  t.is(error.code, 'CARAVAN_TENANT_GONE');
  t.false(error.retriable);
});

test('EventIngestService › a retriable log failure keeps its kind; any other becomes LogUnavailableError', async (t) => {
  const busy = new CaravanError('CARAVAN_UNAVAILABLE', 'busy, try again', { retriable: true });
  const { service: passing } = await setup(t, {
    log: { append: () => Promise.reject(busy) } as unknown as EventIngestServiceDeps['log'],
  });
  t.is(await t.throwsAsync(passing.ingest(TENANT, [item()])), busy);
  const { service: wrapping } = await setup(t, {
    log: { append: () => Promise.reject(new TypeError('bug')) } as unknown as EventIngestServiceDeps['log'],
  });
  const error = await t.throwsAsync(wrapping.ingest(TENANT, [item()]), { instanceOf: LogUnavailableError });
  t.true(error.retriable);
  t.true(error.cause instanceof TypeError);
});

test('EventIngestService › asks the ingest limiter for the batch size before appending', async (t) => {
  const taken: number[] = [];
  const { service, appended } = await setup(t, {
    ingestLimiter: {
      take: (_tenant, events) => {
        taken.push(events);
        return events > 2
          ? Promise.reject(new CaravanError('CARAVAN_INGEST_RATE_LIMITED', 'slow down'))
          : Promise.resolve();
      },
    },
  });
  await service.ingest(TENANT, [item(), item()], { batch: true });
  await t.throwsAsync(service.ingest(TENANT, [item(), item(), item()], { batch: true }), {
    message: 'slow down',
  });
  t.deepEqual(taken, [2, 3]);
  t.is((await appended()).length, 2);
});

test('EventIngestService › a single ingest takes exactly one item', async (t) => {
  const { service } = await setup(t);
  await t.throwsAsync(service.ingest(TENANT, [item(), item()]), { instanceOf: RangeError });
});
