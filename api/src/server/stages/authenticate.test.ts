import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import {
  createDatabase,
  createMigrator,
  KeyRing,
  KnexTenantRepository,
  ManualClock,
  PortalTokenService,
  TenantService,
  type Principal,
} from '@caravan/core';
import { migrationsDir } from '@caravan/testing';
import { authenticate } from './authenticate.js';
import { countingNext, stageContext } from './stageContext.js';

const tenant: Principal = { kind: 'tenant', tenantId: 'tnt_1', apiKeyId: 'key_1' };
const generous = () => new RateLimiterMemory({ points: 1_000, duration: 60 });
const portalClock = new ManualClock(Date.UTC(2026, 0, 1));
const portalTokens = new PortalTokenService({
  keyRing: new KeyRing({
    primaryKeyId: 'k1',
    keys: [{ id: 'k1', key: Buffer.alloc(32, 7).toString('base64') }],
  }),
  clock: portalClock,
});
const stage = authenticate({
  tenants: { authenticate: (key: string) => Promise.resolve(key === 'good' ? tenant : undefined) },
  portalTokens,
  authFailureLimiter: generous(),
});

for (const [header, detail] of [
  [undefined, /Send an API key/],
  ['Basic abc', /must be "Bearer <key>"/],
  ['Bearer two words', /must be "Bearer <key>"/],
  ['Bearer wrong', /unknown, expired or revoked/],
] as const) {
  test(`authenticate › ${header ?? 'no header'} is a 401 that says why`, async (t) => {
    const next = countingNext();
    const ctx = stageContext(header ? { headers: { authorization: header } } : {});
    const error = await t.throwsAsync(stage(ctx, next), { message: detail });
    t.is((error as { code?: string } | undefined)?.code, 'CARAVAN_UNAUTHORIZED');
    t.is(next.calls, 0);
  });
}

test("authenticate › a known key's principal is handed on, whatever the scheme's case", async (t) => {
  const ctx = stageContext({ headers: { authorization: 'bearer good ' } });
  const next = countingNext();
  await stage(ctx, next);
  t.deepEqual(ctx.state.principal, tenant);
  t.is(next.calls, 1);
});

/** The real tenant service on SQLite, counting the key lookups that reach its repository. */
async function tenantsCountingLookups(t: ExecutionContext) {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-auth-')), 'caravan.sqlite'),
  });
  t.teardown(() => db.destroy());
  await createMigrator({ db, directory: migrationsDir }).latest();
  const repository = new KnexTenantRepository({ db });
  const lookups = { count: 0 };
  const counting = new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'findApiKeyByHash' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        lookups.count++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const tenants = new TenantService({
    tenants: counting,
    keyRing: new KeyRing({
      primaryKeyId: 'k1',
      keys: [{ id: 'k1', key: Buffer.alloc(32, 1).toString('base64') }],
    }),
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    adminKey: 'admin-key-for-tests-0123456789',
    tenantDefaults: {
      ingestPerSecond: 10,
      deliveriesPerSecond: 10,
      maxEndpoints: 10,
      maxPayloadBytes: 1024,
      eventShards: 2,
    },
    apiKeyCacheTtlMs: 0,
  });
  const created = await tenants.create({ name: 'Acme' });
  const { key } = await tenants.createApiKey(created.id, {});
  return { tenants, key, lookups };
}

const call = async (run: ReturnType<typeof authenticate>, key: string, ip = '203.0.113.7') => {
  const ctx = stageContext({ headers: { authorization: `Bearer ${key}` }, ip });
  try {
    await run(ctx, countingNext());
    return { status: 200, retryAfter: undefined };
  } catch (error) {
    const problem = error as { status?: number; code?: string; headers?: Record<string, string> };
    return {
      status: problem.code === 'CARAVAN_RATE_LIMITED' ? 429 : 401,
      retryAfter: problem.headers?.['Retry-After'],
    };
  }
};

test('authenticate › a malformed key is a 401 without a database lookup', async (t) => {
  const { tenants, key, lookups } = await tenantsCountingLookups(t);
  const run = authenticate({ tenants, portalTokens, authFailureLimiter: generous() });
  for (const malformed of [
    'sk_live_' + 'a'.repeat(43),
    'ck_live_' + 'a'.repeat(42),
    'ck_live_' + 'a'.repeat(44),
    'ck_live_' + 'a'.repeat(42) + '-',
    'ck_live_unknown',
  ]) {
    t.is((await call(run, malformed)).status, 401, malformed);
  }
  t.is(lookups.count, 0);
  t.is((await call(run, `ck_live_${'a'.repeat(43)}`)).status, 401);
  t.is(lookups.count, 1, 'a well-formed unknown key is looked up');
  t.is((await call(run, key)).status, 200);
});

test('authenticate › past its failure limit an address gets 429 and no more lookups; good keys still pass', async (t) => {
  const { tenants, key, lookups } = await tenantsCountingLookups(t);
  const run = authenticate({
    tenants,
    portalTokens,
    authFailureLimiter: new RateLimiterMemory({ points: 3, duration: 60 }),
  });
  t.is((await call(run, key)).status, 200);
  const guess = (i: number) => `ck_live_${String(i).padStart(43, 'x')}`;
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await call(run, guess(i))).status);
  t.deepEqual(statuses, [401, 401, 401]);
  const before = lookups.count;
  for (let i = 3; i < 50; i++) {
    const answer = await call(run, guess(i));
    t.is(answer.status, 429);
    t.truthy(Number(answer.retryAfter) >= 1);
  }
  t.is(lookups.count, before, 'no lookup once over the limit');
  t.is((await call(run, key)).status, 200, 'a key that authenticated before is not locked out');
  t.is((await call(run, guess(99), '198.51.100.1')).status, 401, 'other addresses are counted apart');
});

test('authenticate › a portal token is its owner’s principal until it expires; an altered one is a 401', async (t) => {
  const { token } = portalTokens.issue({ tenantId: 'tnt_1', ownerId: 'cus_1', ttlSeconds: 60 });
  const ctx = stageContext({ headers: { authorization: `Bearer ${token}` } });
  await stage(ctx, countingNext());
  t.like(ctx.state.principal, { kind: 'portal', tenantId: 'tnt_1', ownerId: 'cus_1' });
  const altered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
  t.is((await call(stage, altered)).status, 401);
  portalClock.advance(60_000);
  t.is((await call(stage, token)).status, 401);
});
