import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { migrationsDir } from '@caravan/testing';
import { ManualClock } from '../domain/Clock.js';
import { CaravanError, ValidationError } from '../errors/index.js';
import { createDatabase } from '../storage/createDatabase.js';
import { KnexEventTypeRepository } from '../storage/knex/KnexEventTypeRepository.js';
import { createMigrator } from '../storage/Migrator.js';
import { EventTypeService } from './EventTypeService.js';

const invoiceSchema = {
  type: 'object',
  required: ['invoiceId', 'amount'],
  properties: {
    invoiceId: { type: 'string' },
    amount: { type: 'integer', minimum: 0 },
    customer: { type: 'object', properties: { email: { type: 'string', format: 'email' } } },
  },
};

async function setup() {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-event-types-')), 'caravan.sqlite'),
  });
  await createMigrator({ db, directory: migrationsDir }).latest();
  const now = Date.UTC(2026, 0, 1);
  for (const id of ['tnt_A', 'tnt_B']) {
    await db('tenants').insert({
      id,
      name: id,
      ingest_per_second: 1,
      deliveries_per_second: 1,
      max_endpoints: 1,
      max_payload_bytes: 1024,
      created_at: now,
      updated_at: now,
    });
  }
  const clock = new ManualClock(now);
  const repo = new KnexEventTypeRepository({ db });
  let reads = 0;
  const counted = new Proxy(repo, {
    get(target, prop, receiver) {
      if (prop === 'get' || prop === 'getUpdatedAt') reads += 1;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const service = new EventTypeService({ eventTypes: counted, clock, validatorTtlMs: 5_000 });
  // Another process on the same database: its cache is its own.
  const other = new EventTypeService({ eventTypes: new KnexEventTypeRepository({ db }), clock });
  return { db, clock, service, other, reads: () => reads };
}

test('EventTypeService › a payload breaking the schema gets one field error per problem', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  await service.create('tnt_A', { name: 'invoice.paid', schema: invoiceSchema });
  const errors = await service.validatePayload('tnt_A', 'invoice.paid', {
    amount: -1,
    customer: { email: 'nope' },
  });
  t.deepEqual(
    [...errors].sort((a, b) => a.path.join('/').localeCompare(b.path.join('/'))),
    [
      { path: ['payload', 'amount'], message: 'must be >= 0' },
      { path: ['payload', 'customer', 'email'], message: 'must match format "email"' },
      { path: ['payload', 'invoiceId'], message: 'is required' },
    ],
  );
  t.deepEqual(await service.validatePayload('tnt_A', 'invoice.paid', { invoiceId: 'in_1', amount: 5 }), []);
  t.deepEqual(
    await service.validatePayload('tnt_A', 'invoice.paid', { amount: 1 }, ['events', 3, 'payload']),
    [{ path: ['events', 3, 'payload', 'invoiceId'], message: 'is required' }],
  );
});

test('EventTypeService › unregistered types, types without a schema and other tenants’ types accept anything', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  await service.create('tnt_A', { name: 'invoice.paid', schema: invoiceSchema });
  await service.create('tnt_A', { name: 'free.form' });
  t.deepEqual(await service.validatePayload('tnt_A', 'never.registered', 42), []);
  t.deepEqual(await service.validatePayload('tnt_A', 'free.form', 'anything'), []);
  t.deepEqual(await service.validatePayload('tnt_B', 'invoice.paid', {}), []);
});

test('EventTypeService › a property name with / or ~ is kept whole in the path', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  await service.create('tnt_A', { name: 'odd', schema: { type: 'object', required: ['a/b~c'] } });
  t.deepEqual(await service.validatePayload('tnt_A', 'odd', {}), [
    { path: ['payload', 'a/b~c'], message: 'is required' },
  ]);
});

test('EventTypeService › the validator is cached, and re-checked against updated_at after the TTL', async (t) => {
  const { db, clock, service, other, reads } = await setup();
  t.teardown(() => db.destroy());
  await service.create('tnt_A', { name: 'invoice.paid', schema: invoiceSchema });
  await service.validatePayload('tnt_A', 'invoice.paid', {});
  const afterFirst = reads();
  for (let i = 0; i < 20; i += 1) await service.validatePayload('tnt_A', 'invoice.paid', {});
  t.is(reads(), afterFirst, 'no database read within the TTL');

  // Another process drops the required fields: this one still uses its cached validator…
  await other.update('tnt_A', 'invoice.paid', { schema: { type: 'object' } });
  t.is((await service.validatePayload('tnt_A', 'invoice.paid', {})).length, 2);
  // …until the TTL passes, then it sees the new row.
  clock.advance(5_000);
  t.deepEqual(await service.validatePayload('tnt_A', 'invoice.paid', {}), []);

  // Unchanged row after the TTL: one cheap read, no recompile needed.
  clock.advance(5_000);
  const before = reads();
  await service.validatePayload('tnt_A', 'invoice.paid', {});
  t.is(reads() - before, 1, 'only the updated_at check');
});

test('EventTypeService › a deleted type stops being enforced; local writes apply at once', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  await service.create('tnt_A', { name: 'invoice.paid', schema: invoiceSchema });
  t.is((await service.validatePayload('tnt_A', 'invoice.paid', {})).length, 2);
  await service.update('tnt_A', 'invoice.paid', { schema: null });
  t.deepEqual(await service.validatePayload('tnt_A', 'invoice.paid', {}), []);
  await service.update('tnt_A', 'invoice.paid', { schema: { type: 'object', required: ['x'] } });
  t.is((await service.validatePayload('tnt_A', 'invoice.paid', {})).length, 1);
  await service.delete('tnt_A', 'invoice.paid');
  t.deepEqual(await service.validatePayload('tnt_A', 'invoice.paid', {}), []);
});

test('EventTypeService › two updates in one millisecond still change updated_at', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  const created = await service.create('tnt_A', { name: 'a' });
  const first = await service.update('tnt_A', 'a', { description: 'one' });
  const second = await service.update('tnt_A', 'a', { description: 'two' });
  t.true(first.updatedAt > created.updatedAt);
  t.true(second.updatedAt > first.updatedAt);
});

test('EventTypeService › the cache keeps at most validatorCacheSize entries', async (t) => {
  const { db, clock } = await setup();
  t.teardown(() => db.destroy());
  let reads = 0;
  const repo = new KnexEventTypeRepository({ db });
  const service = new EventTypeService({
    eventTypes: {
      ...repo,
      insert: (e) => repo.insert(e),
      get: (tenantId, name) => repo.get(tenantId, name),
      getUpdatedAt: (tenantId, name) => {
        reads += 1;
        return repo.getUpdatedAt(tenantId, name);
      },
      list: (tenantId, page) => repo.list(tenantId, page),
      update: (tenantId, name, c) => repo.update(tenantId, name, c),
      delete: (tenantId, name) => repo.delete(tenantId, name),
    },
    clock,
    validatorCacheSize: 2,
  });
  for (const name of ['a', 'b', 'c']) await service.validatePayload('tnt_A', name, {});
  t.is(reads, 3);
  await service.validatePayload('tnt_A', 'c', {});
  await service.validatePayload('tnt_A', 'b', {});
  t.is(reads, 3, 'the two most recent are still cached');
  await service.validatePayload('tnt_A', 'a', {});
  t.is(reads, 4, 'the oldest was evicted');
});

test('EventTypeService › an invalid schema is refused naming where it is wrong', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  const badType = await t.throwsAsync(
    service.create('tnt_A', {
      name: 'x',
      schema: { type: 'object', properties: { amount: { type: 'integr' } } },
    }),
    { instanceOf: ValidationError },
  );
  t.deepEqual(badType.errors[0]?.path, ['schema', 'properties', 'amount', 'type']);
  t.regex(badType.errors[0]?.message ?? '', /allowed values/);

  const badRef = await t.throwsAsync(
    service.create('tnt_A', { name: 'x', schema: { $ref: 'https://example.com/remote.json' } }),
    { instanceOf: ValidationError },
  );
  t.deepEqual(badRef.errors[0]?.path, ['schema']);
  t.regex(badRef.errors[0]?.message ?? '', /resolve reference/);

  const badPattern = await t.throwsAsync(
    service.create('tnt_A', { name: 'x', schema: { type: 'string', pattern: '(' } }),
    { instanceOf: ValidationError },
  );
  t.deepEqual(badPattern.errors[0]?.path, ['schema']);
  t.regex(badPattern.errors[0]?.message ?? '', /is not a valid RE2 regular expression .*missing closing \)/);
  t.is(await service.list('tnt_A', { limit: 10 }).then((p) => p.data.length), 0, 'nothing was written');
});

test('EventTypeService › schemas with the same $id in two tenants do not see each other', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  const id = 'https://schemas.example/invoice.json';
  await service.create('tnt_A', { name: 'invoice', schema: { $id: id, type: 'object', required: ['a'] } });
  await service.create('tnt_B', { name: 'invoice', schema: { $id: id, type: 'object', required: ['b'] } });
  t.deepEqual(await service.validatePayload('tnt_A', 'invoice', {}), [
    { path: ['payload', 'a'], message: 'is required' },
  ]);
  t.deepEqual(await service.validatePayload('tnt_B', 'invoice', {}), [
    { path: ['payload', 'b'], message: 'is required' },
  ]);
  await t.throwsAsync(service.create('tnt_B', { name: 'other', schema: { $ref: id } }), {
    instanceOf: ValidationError,
  });
});

test('EventTypeService › a duplicate name is a conflict', async (t) => {
  const { db, service } = await setup();
  t.teardown(() => db.destroy());
  await service.create('tnt_A', { name: 'a' });
  const results = await Promise.allSettled([
    service.create('tnt_A', { name: 'b' }),
    service.create('tnt_A', { name: 'b' }),
  ]);
  t.is(results.filter((r) => r.status === 'fulfilled').length, 1);
  const dup = await t.throwsAsync(service.create('tnt_A', { name: 'a' }), { instanceOf: CaravanError });
  t.is(dup.code, 'CARAVAN_EVENT_TYPE_EXISTS');
});
