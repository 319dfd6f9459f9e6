import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { migrationsDir } from '@caravan/testing';
import { KeyRing } from '../crypto/KeyRing.js';
import { signPayload } from '../crypto/signature.js';
import { ManualClock } from '../domain/Clock.js';
import { UrlGuard } from '../domain/urlGuard.js';
import { CaravanError, DecryptionError, ValidationError, type CaravanErrorCode } from '../errors/index.js';
import { createDatabase } from '../storage/createDatabase.js';
import { KnexEndpointRepository } from '../storage/knex/KnexEndpointRepository.js';
import { createMigrator } from '../storage/Migrator.js';
import { EndpointService } from './EndpointService.js';

const T0 = Date.UTC(2026, 0, 1);
const HOOK = 'https://hooks.example.com/caravan';

async function setup(t: ExecutionContext, options: { maxEndpoints?: number } = {}) {
  const db = createDatabase({
    client: 'sqlite',
    filename: join(mkdtempSync(join(tmpdir(), 'caravan-endpoints-')), 'caravan.sqlite'),
  });
  t.teardown(() => db.destroy());
  await createMigrator({ db, directory: migrationsDir }).latest();
  for (const id of ['tnt_A', 'tnt_B']) {
    await db('tenants').insert({
      id,
      name: id,
      ingest_per_second: 1,
      deliveries_per_second: 1,
      max_endpoints: options.maxEndpoints ?? 100,
      max_payload_bytes: 1024,
      created_at: T0,
      updated_at: T0,
    });
  }
  const clock = new ManualClock(T0);
  const keyRing = new KeyRing({
    primaryKeyId: 'k1',
    keys: [{ id: 'k1', key: Buffer.alloc(32, 1).toString('base64') }],
  });
  const lookups: string[] = [];
  const urlGuard = new UrlGuard({
    allowedCidrs: [],
    resolve: (host) => {
      lookups.push(host);
      if (host === 'hooks.example.com') return Promise.resolve(['93.184.216.34']);
      if (host === 'internal.example.com') return Promise.resolve(['93.184.216.35', '10.1.2.3']);
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    },
  });
  const service = new EndpointService({
    endpoints: new KnexEndpointRepository({ db }),
    keyRing,
    clock,
    urlGuard,
    egressPoolAllowed: (tenantId, poolId) => Promise.resolve(tenantId === 'tnt_A' && poolId === 'pool_OK'),
  });
  return { db, clock, keyRing, service, lookups };
}

async function rejects(t: ExecutionContext, promise: Promise<unknown>, code: CaravanErrorCode) {
  const error = await t.throwsAsync(promise, { instanceOf: CaravanError });
  t.is(error.code, code);
  return error;
}

test('EndpointService › creates an endpoint with contract defaults and a generated HMAC secret', async (t) => {
  const { service, db, keyRing } = await setup(t);
  const { endpoint, secret } = await service.create('tnt_A', { url: HOOK });
  t.regex(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  t.like(endpoint, {
    eventTypes: ['*'],
    headers: {},
    filter: null,
    timeoutMs: 15_000,
    signingScheme: 'hmac',
    publicKey: null,
    status: 'active',
    rateLimit: null,
  });
  const row = (await db('endpoint_secrets').where({ endpoint_id: endpoint.id }).first()) as {
    id: string;
    secret_encrypted: string;
  };
  t.false(row.secret_encrypted.includes(secret.slice(6)), 'stored encrypted');
  t.is(keyRing.decryptString(row.secret_encrypted, row.id), secret);
  t.throws(() => keyRing.decryptString(row.secret_encrypted, endpoint.id), { instanceOf: DecryptionError });
  t.deepEqual(await service.get('tnt_A', endpoint.id), endpoint);
});

test('EndpointService › an Ed25519 endpoint publishes the public key of its secret', async (t) => {
  const { service } = await setup(t);
  const generated = await service.create('tnt_A', { url: HOOK, signingScheme: 'ed25519' });
  t.regex(generated.secret, /^whsk_/);
  t.regex(generated.endpoint.publicKey ?? '', /^whpk_[A-Za-z0-9+/]{43}=$/);
  const supplied = `whsk_${Buffer.alloc(32, 5).toString('base64')}`;
  const mine = await service.create('tnt_A', { url: HOOK, signingScheme: 'ed25519', secret: supplied });
  t.is(mine.secret, supplied);
  t.is((await service.get('tnt_A', mine.endpoint.id)).publicKey, mine.endpoint.publicKey);
});

test('EndpointService › a malformed or mismatched secret is named with every other bad field', async (t) => {
  const { service, db } = await setup(t);
  const error = await t.throwsAsync(
    service.create('tnt_A', {
      url: HOOK,
      secret: `whsk_${Buffer.alloc(32, 5).toString('base64')}`,
      filter: { 'payload.a': { $gtee: 1 } },
      headers: { Host: 'x' },
    }),
    { instanceOf: ValidationError },
  );
  t.deepEqual(
    error.errors.map((e) => e.path),
    [['filter', 'payload.a', '$gtee'], ['headers', 'Host'], ['secret']],
  );
  t.regex(error.errors[2]?.message ?? '', /^must be an HMAC \(whsec_…\) secret for this endpoint: /);
  const short = await t.throwsAsync(service.create('tnt_A', { url: HOOK, secret: 'whsec_c2hvcnQ=' }), {
    instanceOf: ValidationError,
  });
  t.regex(short.errors[0]?.message ?? '', /24–64 bytes, got 5/);
  t.is(((await db('endpoints').count({ n: '*' }).first()) as { n: number }).n, 0, 'nothing written');
});

test('EndpointService › the SSRF guard and the egress pool are checked before anything is written', async (t) => {
  const { service, db } = await setup(t);
  const ssrf = await rejects(
    t,
    service.create('tnt_A', { url: 'https://internal.example.com/' }),
    'CARAVAN_URL_NOT_ALLOWED',
  );
  t.regex(ssrf.message, /resolves to 10\.1\.2\.3, a private network address/);
  await rejects(
    t,
    service.create('tnt_A', { url: 'https://nowhere.example.com/' }),
    'CARAVAN_URL_NOT_ALLOWED',
  );
  const pool = await rejects(
    t,
    service.create('tnt_B', { url: HOOK, egressPoolId: 'pool_OK' }),
    'CARAVAN_EGRESS_POOL_NOT_FOUND',
  );
  t.deepEqual((pool as ValidationError).errors[0]?.path, ['egressPoolId']);
  t.is(
    (await service.create('tnt_A', { url: HOOK, egressPoolId: 'pool_OK' })).endpoint.egressPoolId,
    'pool_OK',
  );
  t.is(((await db('endpoints').count({ n: '*' }).first()) as { n: number }).n, 1);
});

test('EndpointService › maxEndpoints is enforced, also for concurrent creates', async (t) => {
  const { service } = await setup(t, { maxEndpoints: 3 });
  const results = await Promise.allSettled(
    Array.from({ length: 6 }, () => service.create('tnt_A', { url: HOOK })),
  );
  t.is(results.filter((r) => r.status === 'fulfilled').length, 3);
  for (const r of results.filter((r) => r.status === 'rejected')) {
    t.is((r.reason as CaravanError).code, 'CARAVAN_ENDPOINT_LIMIT_REACHED');
  }
  t.is((await service.create('tnt_B', { url: HOOK })).endpoint.tenantId, 'tnt_B', 'limits are per tenant');
});

test('EndpointService › another tenant’s endpoint does not exist for every operation', async (t) => {
  const { service } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  const id = endpoint.id;
  const code = 'CARAVAN_ENDPOINT_NOT_FOUND';
  await rejects(t, service.get('tnt_B', id), code);
  await rejects(t, service.update('tnt_B', id, { description: 'x' }), code);
  await rejects(t, service.pause('tnt_B', id), code);
  await rejects(t, service.resume('tnt_B', id), code);
  await rejects(t, service.listSecrets('tnt_B', id), code);
  await rejects(t, service.rotateSecret('tnt_B', id, {}), code);
  await rejects(t, service.liveSigningSecrets('tnt_B', id, T0), code);
  await rejects(t, service.health('tnt_B', id), code);
  await rejects(t, service.recover('tnt_B', id, { since: T0 - 1 }), code);
  await rejects(t, service.delete('tnt_B', id), code);
  t.deepEqual((await service.list('tnt_B', {}, { limit: 10 })).data, []);
  t.is((await service.get('tnt_A', id)).description, null, 'untouched');
});

test('EndpointService › a previous secret signs until exactly its expiry', async (t) => {
  const { service, clock } = await setup(t);
  const { endpoint, secret: first } = await service.create('tnt_A', { url: HOOK });
  clock.advance(1000);
  const rotated = await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 60 });
  t.is(rotated.previousSecretsExpireAt, T0 + 1000 + 60_000);
  const both = [
    { scheme: 'hmac', secret: rotated.secret },
    { scheme: 'hmac', secret: first },
  ];
  t.deepEqual(await service.liveSigningSecrets('tnt_A', endpoint.id, T0 + 1000), both, 'current first');
  t.deepEqual(await service.liveSigningSecrets('tnt_A', endpoint.id, T0 + 60_999), both);
  t.deepEqual(
    await service.liveSigningSecrets('tnt_A', endpoint.id, T0 + 61_000),
    [both[0]],
    'expiresAt <= now is not live',
  );
  const signature = signPayload({
    msgId: 'evt_1',
    timestamp: 1,
    body: '{}',
    secrets: await service.liveSigningSecrets('tnt_A', endpoint.id, T0 + 2000),
  });
  t.is(signature.split(' ').length, 2, 'one signature per live secret during the overlap');

  clock.set(T0 + 60_999);
  t.is((await service.listSecrets('tnt_A', endpoint.id)).length, 2);
  clock.set(T0 + 61_000);
  t.deepEqual(await service.listSecrets('tnt_A', endpoint.id), [
    { id: rotated.id, current: true, publicKey: null, createdAt: T0 + 1000, expiresAt: null },
  ]);
});

test('EndpointService › at most 10 previous secrets are live; grace 0 retires them all', async (t) => {
  const { service, clock } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  for (let i = 0; i < 10; i++) {
    clock.advance(1000);
    await service.rotateSecret('tnt_A', endpoint.id, {});
  }
  t.is((await service.listSecrets('tnt_A', endpoint.id)).length, 11);
  clock.advance(1000);
  await rejects(t, service.rotateSecret('tnt_A', endpoint.id, {}), 'CARAVAN_TOO_MANY_SECRETS');
  t.is((await service.listSecrets('tnt_A', endpoint.id)).length, 11, 'a refused rotation changes nothing');

  const emergency = await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 0 });
  t.is(emergency.previousSecretsExpireAt, clock.now());
  const live = await service.listSecrets('tnt_A', endpoint.id);
  t.deepEqual(
    live.map((s) => s.id),
    [emergency.id],
  );
  t.deepEqual(await service.liveSigningSecrets('tnt_A', endpoint.id, clock.now()), [
    { scheme: 'hmac', secret: emergency.secret },
  ]);
});

test('EndpointService › the oldest live secret expiring makes room for another rotation', async (t) => {
  const { service, clock } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 10 });
  for (let i = 0; i < 9; i++) await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 3600 });
  await rejects(t, service.rotateSecret('tnt_A', endpoint.id, {}), 'CARAVAN_TOO_MANY_SECRETS');
  clock.advance(10_000);
  await t.notThrowsAsync(service.rotateSecret('tnt_A', endpoint.id, {}));
});

test('EndpointService › a longer grace period never revives a secret retiring sooner', async (t) => {
  const { service, clock } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 60 });
  clock.advance(1000);
  await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 86_400 });
  const expiries = (await service.listSecrets('tnt_A', endpoint.id)).map((s) => s.expiresAt);
  t.deepEqual(expiries, [null, T0 + 1000 + 86_400_000, T0 + 60_000]);
  clock.advance(1000);
  await service.rotateSecret('tnt_A', endpoint.id, { gracePeriodSeconds: 30 });
  t.deepEqual(
    (await service.listSecrets('tnt_A', endpoint.id)).map((s) => s.expiresAt),
    [null, T0 + 32_000, T0 + 32_000, T0 + 32_000],
    'a shorter grace period shortens every previous secret',
  );
});

test('EndpointService › a supplied rotation secret must fit the endpoint’s scheme', async (t) => {
  const { service } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK, signingScheme: 'ed25519' });
  const error = await t.throwsAsync(
    service.rotateSecret('tnt_A', endpoint.id, { secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }),
    { instanceOf: ValidationError },
  );
  t.deepEqual(error.errors[0]?.path, ['secret']);
  const supplied = `whsk_${Buffer.alloc(32, 8).toString('base64')}`;
  const rotated = await service.rotateSecret('tnt_A', endpoint.id, { secret: supplied });
  t.is(rotated.secret, supplied);
  t.regex(rotated.publicKey ?? '', /^whpk_/);
  t.is(
    (await service.get('tnt_A', endpoint.id)).publicKey,
    rotated.publicKey,
    'the endpoint shows the current key',
  );
});

test('EndpointService › update changes only what is sent and re-checks a new URL', async (t) => {
  const { service, clock, lookups } = await setup(t);
  const { endpoint } = await service.create('tnt_A', {
    url: HOOK,
    description: 'd',
    rateLimit: { perSecond: 5 },
    filter: { 'payload.a': 1 },
  });
  t.deepEqual(endpoint.rateLimit, { perSecond: 5, burst: 5 }, 'burst defaults to perSecond');
  clock.advance(5000);
  lookups.length = 0;
  const updated = await service.update('tnt_A', endpoint.id, {
    description: null,
    timeoutMs: 1000,
    filter: null,
  });
  t.deepEqual(lookups, [], 'an unchanged URL is not resolved again');
  t.like(updated, { description: null, timeoutMs: 1000, filter: null, url: HOOK, updatedAt: T0 + 5000 });
  t.deepEqual(updated.rateLimit, { perSecond: 5, burst: 5 });
  await rejects(
    t,
    service.update('tnt_A', endpoint.id, { url: 'https://internal.example.com/x' }),
    'CARAVAN_URL_NOT_ALLOWED',
  );
  t.is((await service.get('tnt_A', endpoint.id)).url, HOOK, 'a refused update changes nothing');
});

test('EndpointService › pause, resume and the failure tracking a resume resets', async (t) => {
  const { service, db, clock } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  clock.advance(1000);
  const paused = await service.pause('tnt_A', endpoint.id);
  t.like(paused, { status: 'paused', updatedAt: T0 + 1000 });
  clock.advance(1000);
  t.is(
    (await service.pause('tnt_A', endpoint.id)).updatedAt,
    T0 + 1000,
    'pausing a paused endpoint changes nothing',
  );

  await db('endpoints').where({ id: endpoint.id }).update({
    status: 'disabled',
    disabled_reason: 'gone',
    failing_since: T0,
  });
  await db('endpoint_breakers').insert({
    endpoint_id: endpoint.id,
    tenant_id: 'tnt_A',
    state: 'open',
    opened_at: T0 + 500,
    next_probe_at: T0 + 90_000,
    consecutive_failures: 7,
    updated_at: T0,
  });
  const health = await service.health('tnt_A', endpoint.id);
  t.like(health, { status: 'disabled', breakerState: 'open', breakerOpenedAt: T0 + 500, failingSince: T0 });
  await rejects(t, service.recover('tnt_A', endpoint.id, { since: T0 }), 'CARAVAN_CONFLICT');

  const resumed = await service.resume('tnt_A', endpoint.id);
  t.like(resumed, { status: 'active', disabledReason: null, failingSince: null });
  t.like(await service.health('tnt_A', endpoint.id), { breakerState: 'closed', breakerOpenedAt: null });
});

test('EndpointService › health reports the attempts of the last 15 minutes', async (t) => {
  const { service, db, clock } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  t.deepEqual(await service.health('tnt_A', endpoint.id), {
    endpointId: endpoint.id,
    status: 'active',
    breakerState: 'closed',
    breakerOpenedAt: null,
    nextProbeAt: null,
    recentSuccessRate: null,
    recentAttempts: 0,
    windowSeconds: 900,
    lastSuccessAt: null,
    lastError: null,
    failingSince: null,
  });
  clock.set(T0 + 3_600_000);
  const attempt = (n: number, at: number, status: number | null, error: string | null = null) => ({
    id: `att_${n}`,
    tenant_id: 'tnt_A',
    delivery_id: 'dlv_1',
    endpoint_id: endpoint.id,
    attempt_number: n,
    started_at: at,
    duration_ms: 5,
    status_code: status,
    error_code: error,
    error_message: error ? 'connect ECONNREFUSED' : null,
    request_headers: '{}',
  });
  await db('attempts').insert([
    attempt(1, clock.now() - 900_001, 500), // outside the window
    attempt(2, clock.now() - 900_000, 200),
    attempt(3, clock.now() - 60_000, 503),
    attempt(4, clock.now() - 30_000, 204),
    attempt(5, clock.now() - 10_000, null, 'connection_failed'),
  ]);
  t.like(await service.health('tnt_A', endpoint.id), {
    recentAttempts: 4,
    recentSuccessRate: 0.5,
    lastSuccessAt: clock.now() - 30_000,
    lastError: {
      code: 'connection_failed',
      message: 'connect ECONNREFUSED',
      statusCode: null,
      at: clock.now() - 10_000,
    },
  });
});

test('EndpointService › recover queues a job over [since, until) and checks the range', async (t) => {
  const { service, db, clock } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  clock.advance(60_000);
  const job = await service.recover('tnt_A', endpoint.id, { since: T0 });
  t.like(job, { type: 'endpoint_recover', status: 'queued', total: null, processed: 0, error: null });
  t.deepEqual(job.params, { endpointId: endpoint.id, since: T0, until: T0 + 60_000 });
  const row = (await db('jobs').where({ id: job.id }).first()) as {
    kind: string;
    params: string;
    tenant_id: string;
  };
  t.is(row.kind, 'endpoint_recover');
  t.is(row.tenant_id, 'tnt_A');
  t.deepEqual(JSON.parse(row.params), job.params);

  const future = await t.throwsAsync(service.recover('tnt_A', endpoint.id, { since: clock.now() }), {
    instanceOf: ValidationError,
  });
  t.deepEqual(future.errors[0]?.path, ['since']);
  const backwards = await t.throwsAsync(service.recover('tnt_A', endpoint.id, { since: T0, until: T0 }), {
    instanceOf: ValidationError,
  });
  t.deepEqual(backwards.errors[0]?.path, ['until']);
});

test('EndpointService › delete removes secrets and discards unsent deliveries', async (t) => {
  const { service, db } = await setup(t);
  const { endpoint } = await service.create('tnt_A', { url: HOOK });
  const delivery = (id: string, status: string) => ({
    id,
    tenant_id: 'tnt_A',
    event_id: 'evt_1',
    endpoint_id: endpoint.id,
    event_type: 'a.b',
    status,
    next_attempt_at: status === 'retrying' ? T0 + 5000 : null,
    created_at: T0,
    updated_at: T0,
  });
  await db('deliveries').insert([
    delivery('dlv_1', 'pending'),
    delivery('dlv_2', 'retrying'),
    delivery('dlv_3', 'succeeded'),
  ]);
  await service.delete('tnt_A', endpoint.id);
  await rejects(t, service.get('tnt_A', endpoint.id), 'CARAVAN_ENDPOINT_NOT_FOUND');
  t.deepEqual(await db('endpoint_secrets').where({ endpoint_id: endpoint.id }), []);
  const statuses = (await db('deliveries').orderBy('id').select('status', 'next_attempt_at')) as unknown[];
  t.deepEqual(statuses, [
    { status: 'discarded', next_attempt_at: null },
    { status: 'discarded', next_attempt_at: null },
    { status: 'succeeded', next_attempt_at: null },
  ]);
  await rejects(t, service.delete('tnt_A', endpoint.id), 'CARAVAN_ENDPOINT_NOT_FOUND');
});

test('EndpointService › lists newest first, by owner, page by page', async (t) => {
  const { service, clock } = await setup(t);
  const ids: string[] = [];
  for (const ownerId of ['cus_1', 'cus_2', 'cus_1', null]) {
    clock.advance(1);
    ids.push((await service.create('tnt_A', { url: HOOK, ownerId })).endpoint.id);
  }
  const first = await service.list('tnt_A', { ownerId: 'cus_1' }, { limit: 1 });
  t.deepEqual(
    first.data.map((e) => e.id),
    [ids[2]],
  );
  t.truthy(first.nextCursor);
  const second = await service.list('tnt_A', { ownerId: 'cus_1' }, { limit: 1, cursor: first.nextCursor! });
  t.deepEqual(
    second.data.map((e) => e.id),
    [ids[0]],
  );
  t.is(second.nextCursor, null);
  t.deepEqual(
    (await service.list('tnt_A', {}, { limit: 10 })).data.map((e) => e.id),
    [...ids].reverse(),
  );
});
