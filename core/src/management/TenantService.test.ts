import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { migrationsDir } from '@caravan/testing';
import { KeyRing } from '../crypto/KeyRing.js';
import { ManualClock } from '../domain/Clock.js';
import { createDatabase } from '../storage/createDatabase.js';
import { KnexTenantRepository } from '../storage/knex/KnexTenantRepository.js';
import { createMigrator } from '../storage/Migrator.js';
import { TenantService } from './TenantService.js';

const T0 = Date.UTC(2026, 0, 1);
const TTL = 2_000;

/** Two services over one database, like two API processes, sharing one clock. */
async function setup(t: ExecutionContext) {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-tenants-')), 'caravan.sqlite'),
  });
  t.teardown(() => db.destroy());
  await createMigrator({ db, directory: migrationsDir }).latest();
  const clock = new ManualClock(T0);
  const queries: string[] = [];
  db.on('query', (q: { sql: string }) => queries.push(q.sql));
  const service = () =>
    new TenantService({
      tenants: new KnexTenantRepository({ db }),
      keyRing: new KeyRing({
        primaryKeyId: 'k1',
        keys: [{ id: 'k1', key: Buffer.alloc(32, 1).toString('base64') }],
      }),
      clock,
      adminKey: 'admin-key-for-tests-0123456789',
      tenantDefaults: {
        ingestPerSecond: 10,
        deliveriesPerSecond: 10,
        maxEndpoints: 10,
        maxPayloadBytes: 1024,
        eventShards: 2,
      },
      apiKeyCacheTtlMs: TTL,
    });
  const a = service();
  const b = service();
  const tenant = await a.create({ name: 'Acme' });
  return { a, b, clock, tenant, queries };
}

const keyReads = (queries: string[]) => queries.filter((q) => /from [`"]?api_keys[`"]?/i.test(q)).length;

test('TenantService › a cached key authenticates without reading the database again', async (t) => {
  const { a, tenant, clock, queries } = await setup(t);
  const { key, apiKey } = await a.createApiKey(tenant.id, {});
  const before = keyReads(queries);
  for (let i = 0; i < 5; i++) {
    t.deepEqual(await a.authenticate(key), { kind: 'tenant', tenantId: tenant.id, apiKeyId: apiKey.id });
    clock.advance(100);
  }
  t.is(keyReads(queries) - before, 1);
});

test('TenantService › a key revoked by another process is refused after at most the cache TTL', async (t) => {
  const { a, b, tenant, clock } = await setup(t);
  const { key, apiKey } = await a.createApiKey(tenant.id, {});
  t.truthy(await b.authenticate(key));
  await a.revokeApiKey(tenant.id, apiKey.id);
  // The process that revoked it refuses it at once.
  t.is(await a.authenticate(key), undefined);
  // The other one may still trust its cached copy, but only until the TTL has passed.
  clock.advance(TTL);
  t.is(await b.authenticate(key), undefined);
});

test('TenantService › a cached key is refused as soon as its expiresAt passes', async (t) => {
  const { a, tenant, clock } = await setup(t);
  const { key } = await a.createApiKey(tenant.id, { expiresAt: T0 + 500 });
  t.truthy(await a.authenticate(key));
  clock.advance(499);
  t.truthy(await a.authenticate(key));
  clock.advance(1);
  t.is(await a.authenticate(key), undefined);
});

test('TenantService › an unknown key is not remembered: a key created right after works', async (t) => {
  const { a, b, tenant } = await setup(t);
  t.is(await b.authenticate('ck_live_unknown'), undefined);
  const { key } = await a.createApiKey(tenant.id, {});
  t.truthy(await b.authenticate(key));
});

test('TenantService › deleting a tenant refuses its cached keys in that process at once', async (t) => {
  const { a, tenant } = await setup(t);
  const { key } = await a.createApiKey(tenant.id, {});
  t.truthy(await a.authenticate(key));
  await a.delete(tenant.id);
  t.is(await a.authenticate(key), undefined);
});
