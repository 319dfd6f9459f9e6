import test, { type ExecutionContext } from 'ava';
import { ManualClock } from '@caravan/core';
import { createTenantWithKey, eachBackend, type ApiHarness } from '../../support/apiHarness.js';

// The harness's SSRF allowlist admits 127.0.0.0/8 only, like a test or `caravan dev` installation.
const HOOK = 'http://127.0.0.1:9/hooks/caravan';
const T0 = Date.UTC(2026, 2, 1, 12);

const hmacSecret = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString('base64')}`;
const ed25519Secret = (fill: number) => `whsk_${Buffer.alloc(32, fill).toString('base64')}`;

async function createEndpoint(api: ApiHarness, key: string, body: Record<string, unknown> = {}) {
  const res = await api.request('POST', '/v1/endpoints', { key, body: { url: HOOK, ...body } });
  if (res.status !== 201)
    throw new Error(`createEndpoint answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; secret: string; publicKey: string | null } & Record<string, unknown>;
}

/** Like `eachBackend`, with the ManualClock (at T0) that this run's server uses. */
function eachBackendWithClock(
  title: string,
  fn: (t: ExecutionContext, api: ApiHarness, clock: ManualClock) => Promise<void>,
): void {
  for (const backend of ['sqlite', 'mysql'] as const) {
    let clock: ManualClock | undefined;
    eachBackend(test, title, (t, api) => fn(t, api, clock!), {
      backends: [backend],
      clock: () => (clock = new ManualClock(T0)),
    });
  }
}

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

eachBackend(
  test,
  'endpoints › create answers the secret once; get and list never show it',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const created = await api.request('POST', '/v1/endpoints', {
      key,
      body: {
        url: HOOK,
        description: 'Globex invoices',
        ownerId: 'cus_globex',
        eventTypes: ['invoice.*'],
        filter: { 'payload.currency': 'EUR', 'payload.amount': { $gte: 100 } },
        headers: { 'X-Globex-Env': 'production' },
        rateLimit: { perSecond: 20, burst: 40 },
        maxConcurrency: 5,
      },
    });
    t.is(created.status, 201);
    t.regex(created.body.id, /^ep_[0-9A-Z]{26}$/);
    t.regex(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    t.like(created.body, {
      url: HOOK,
      ownerId: 'cus_globex',
      eventTypes: ['invoice.*'],
      filter: { 'payload.currency': 'EUR', 'payload.amount': { $gte: 100 } },
      headers: { 'X-Globex-Env': 'production' },
      rateLimit: { perSecond: 20, burst: 40 },
      maxConcurrency: 5,
      timeoutMs: 15000,
      retrySchedule: null,
      egressPoolId: null,
      signingScheme: 'hmac',
      publicKey: null,
      status: 'active',
      disabledReason: null,
    });

    const got = await api.request('GET', `/v1/endpoints/${created.body.id}`, { key });
    t.is(got.status, 200);
    const { secret, ...withoutSecret } = created.body;
    t.deepEqual(got.body, withoutSecret);
    const list = await api.request('GET', '/v1/endpoints', { key });
    t.deepEqual(list.body, { data: [withoutSecret], nextCursor: null });
    const secrets = await api.request('GET', `/v1/endpoints/${created.body.id}/secrets`, { key });
    for (const body of [got.body, list.body, secrets.body]) {
      t.false(JSON.stringify(body).includes(secret), 'the secret is never returned again');
    }

    const defaults = await createEndpoint(api, key);
    t.deepEqual(defaults.eventTypes, ['*'], 'an endpoint without eventTypes subscribes to everything');
    t.deepEqual(defaults.headers, {});
    t.is(defaults.filter, null);
    t.is(defaults.rateLimit, null);
  },
);

eachBackend(test, 'endpoints › supplied and generated secrets for HMAC and Ed25519', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const mine = await createEndpoint(api, key, { secret: hmacSecret(1) });
  t.is(mine.secret, hmacSecret(1));

  const generated = await createEndpoint(api, key, { signingScheme: 'ed25519' });
  t.regex(generated.secret, /^whsk_[A-Za-z0-9+/]{43}=$/);
  t.regex(generated.publicKey ?? '', /^whpk_[A-Za-z0-9+/]{43}=$/);
  const supplied = await createEndpoint(api, key, { signingScheme: 'ed25519', secret: ed25519Secret(2) });
  t.is(supplied.secret, ed25519Secret(2));
  t.not(supplied.publicKey, generated.publicKey);
  const got = await api.request('GET', `/v1/endpoints/${supplied.id}`, { key });
  t.is(got.body.publicKey, supplied.publicKey);
  const secrets = await api.request('GET', `/v1/endpoints/${supplied.id}/secrets`, { key });
  t.is(secrets.body.data[0].publicKey, supplied.publicKey);

  const mismatched = await api.request('POST', '/v1/endpoints', {
    key,
    body: { url: HOOK, signingScheme: 'ed25519', secret: hmacSecret(3) },
  });
  t.is(mismatched.status, 400);
  t.deepEqual(fieldsOf(mismatched.body), ['/body/secret']);
  t.regex(mismatched.body.errors[0].message, /Ed25519/);
  const tooShort = await api.request('POST', '/v1/endpoints', {
    key,
    body: { url: HOOK, secret: `whsec_${Buffer.alloc(23, 1).toString('base64')}` },
  });
  t.is(tooShort.status, 400);
  t.deepEqual(fieldsOf(tooShort.body), ['/body/secret']);
  t.regex(tooShort.body.errors[0].message, /24–64 bytes, got 23/);
});

eachBackend(test, 'endpoints › list filters by ownerId and pages newest first', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const a1 = await createEndpoint(api, key, { ownerId: 'cus_a' });
  await createEndpoint(api, key, { ownerId: 'cus_b' });
  const a2 = await createEndpoint(api, key, { ownerId: 'cus_a' });
  const a3 = await createEndpoint(api, key, { ownerId: 'cus_a' });

  const first = await api.request('GET', '/v1/endpoints?ownerId=cus_a&limit=2', { key });
  t.deepEqual(
    first.body.data.map((e: { id: string }) => e.id),
    [a3.id, a2.id],
  );
  t.truthy(first.body.nextCursor);
  const second = await api.request(
    'GET',
    `/v1/endpoints?ownerId=cus_a&limit=2&cursor=${first.body.nextCursor}`,
    {
      key,
    },
  );
  t.deepEqual(
    second.body.data.map((e: { id: string }) => e.id),
    [a1.id],
  );
  t.is(second.body.nextCursor, null);
  t.is((await api.request('GET', '/v1/endpoints', { key })).body.data.length, 4);
  t.deepEqual((await api.request('GET', '/v1/endpoints?ownerId=cus_z', { key })).body.data, []);
  const badCursor = await api.request('GET', '/v1/endpoints?cursor=nonsense', { key });
  t.is(badCursor.status, 400);
  t.deepEqual(fieldsOf(badCursor.body), ['/query/cursor']);
});

eachBackend(
  test,
  'endpoints › update changes only the fields sent; null clears; the scheme cannot change',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const created = await createEndpoint(api, key, {
      description: 'before',
      ownerId: 'cus_1',
      filter: { 'payload.a': 1 },
      rateLimit: { perSecond: 5 },
    });
    t.deepEqual(created.rateLimit, { perSecond: 5, burst: 5 }, 'burst defaults to perSecond');
    const updated = await api.request('PATCH', `/v1/endpoints/${created.id}`, {
      key,
      body: {
        url: 'http://127.0.0.2:8080/new',
        description: null,
        eventTypes: ['invoice.*', 'customer.updated'],
        filter: null,
        timeoutMs: 1000,
        retrySchedule: [1, 60],
        headers: { 'X-New': 'yes' },
      },
    });
    t.is(updated.status, 200);
    t.like(updated.body, {
      url: 'http://127.0.0.2:8080/new',
      description: null,
      ownerId: 'cus_1',
      eventTypes: ['invoice.*', 'customer.updated'],
      filter: null,
      timeoutMs: 1000,
      retrySchedule: [1, 60],
      headers: { 'X-New': 'yes' },
      rateLimit: { perSecond: 5, burst: 5 },
      createdAt: created.createdAt,
    });
    t.deepEqual((await api.request('GET', `/v1/endpoints/${created.id}`, { key })).body, updated.body);

    const scheme = await api.request('PATCH', `/v1/endpoints/${created.id}`, {
      key,
      body: { signingScheme: 'ed25519' },
    });
    t.is(scheme.status, 400);
    t.deepEqual(fieldsOf(scheme.body), ['/body/signingScheme']);
    const empty = await api.request('PATCH', `/v1/endpoints/${created.id}`, { key, body: {} });
    t.is(empty.status, 400);
  },
);

eachBackend(
  test,
  'endpoints › payloadFormat: raw unless asked, envelope on create or update, other values refused',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const plain = await createEndpoint(api, key);
    t.is(plain.payloadFormat, 'raw');
    const wrapped = await createEndpoint(api, key, { payloadFormat: 'envelope' });
    t.is(wrapped.payloadFormat, 'envelope');
    const switched = await api.request('PATCH', `/v1/endpoints/${plain.id}`, {
      key,
      body: { payloadFormat: 'envelope' },
    });
    t.is(switched.status, 200);
    t.is(switched.body.payloadFormat, 'envelope');
    t.is((await api.request('GET', `/v1/endpoints/${plain.id}`, { key })).body.payloadFormat, 'envelope');
    const bad = await api.request('PATCH', `/v1/endpoints/${plain.id}`, {
      key,
      body: { payloadFormat: 'cloudevents' },
    });
    t.is(bad.status, 400);
    t.deepEqual(fieldsOf(bad.body), ['/body/payloadFormat']);
  },
);

eachBackend(
  test,
  'endpoints › sendTraceparent: off unless asked, set on create or update, only a boolean',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const plain = await createEndpoint(api, key);
    t.is(plain.sendTraceparent, false);
    const traced = await createEndpoint(api, key, { sendTraceparent: true });
    t.is(traced.sendTraceparent, true);
    const switched = await api.request('PATCH', `/v1/endpoints/${plain.id}`, {
      key,
      body: { sendTraceparent: true },
    });
    t.is(switched.status, 200);
    t.is((await api.request('GET', `/v1/endpoints/${plain.id}`, { key })).body.sendTraceparent, true);
    const bad = await api.request('PATCH', `/v1/endpoints/${plain.id}`, {
      key,
      body: { sendTraceparent: 'yes' },
    });
    t.is(bad.status, 400);
    t.deepEqual(fieldsOf(bad.body), ['/body/sendTraceparent']);
  },
);

eachBackend(test, 'endpoints › a tenant cannot go past its maxEndpoints', async (t, api) => {
  const tenant = await api.request('POST', '/v1/tenants', {
    body: { name: 'Small', limits: { maxEndpoints: 2 } },
  });
  const key = await api.request('POST', `/v1/tenants/${tenant.body.id}/api-keys`, { body: {} });
  const first = await createEndpoint(api, key.body.key);
  await createEndpoint(api, key.body.key);
  const third = await api.request('POST', '/v1/endpoints', { key: key.body.key, body: { url: HOOK } });
  t.is(third.status, 409);
  t.is(third.body.code, 'CARAVAN_ENDPOINT_LIMIT_REACHED');
  t.regex(third.body.detail, /at most 2 endpoints/);
  t.is((await api.request('DELETE', `/v1/endpoints/${first.id}`, { key: key.body.key })).status, 204);
  t.is((await api.request('POST', '/v1/endpoints', { key: key.body.key, body: { url: HOOK } })).status, 201);
});

eachBackend(
  test,
  'endpoints › the SSRF guard refuses private destinations and names /body/url',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const refused: [url: string, detail: RegExp][] = [
      ['http://10.0.0.1/', /is 10\.0\.0\.1, a private network address/],
      [
        'http://169.254.169.254/latest/meta-data/',
        /is 169\.254\.169\.254, a cloud instance metadata address/,
      ],
      ['http://[::1]:8080/', /is ::1, a loopback address/],
      ['http://[::ffff:10.0.0.1]/', /is ::ffff:a00:1, a private network address/],
      ['http://[fd00:ec2::254]/', /metadata/],
      ['http://100.64.1.1/', /carrier-grade NAT/],
      ['http://0.0.0.0:9/', /unspecified/],
      ['http://nothing.invalid/', /host "nothing\.invalid" could not be resolved/],
    ];
    for (const [url, detail] of refused) {
      const res = await api.request('POST', '/v1/endpoints', { key, body: { url } });
      t.is(res.status, 400, url);
      t.is(res.body.code, 'CARAVAN_URL_NOT_ALLOWED', url);
      t.deepEqual(fieldsOf(res.body), ['/body/url'], url);
      t.regex(res.body.errors[0].message, detail, url);
    }
    const credentials = await api.request('POST', '/v1/endpoints', {
      key,
      body: { url: 'http://user:pw@127.0.0.1/' },
    });
    t.is(credentials.status, 400);
    t.is(credentials.body.code, 'CARAVAN_VALIDATION_FAILED');
    t.deepEqual(fieldsOf(credentials.body), ['/body/url']);
    const notHttp = await api.request('POST', '/v1/endpoints', { key, body: { url: 'ftp://127.0.0.1/' } });
    t.is(notHttp.status, 400);
    t.deepEqual(fieldsOf(notHttp.body), ['/body/url']);

    t.deepEqual((await api.request('GET', '/v1/endpoints', { key })).body.data, [], 'nothing was created');

    const ok = await createEndpoint(api, key, { url: 'http://localhost:9/hook' });
    const moved = await api.request('PATCH', `/v1/endpoints/${ok.id}`, {
      key,
      body: { url: 'http://192.168.1.10/' },
    });
    t.is(moved.status, 400);
    t.is(moved.body.code, 'CARAVAN_URL_NOT_ALLOWED');
    t.deepEqual(fieldsOf(moved.body), ['/body/url']);
    t.is((await api.request('GET', `/v1/endpoints/${ok.id}`, { key })).body.url, 'http://localhost:9/hook');
  },
);

eachBackend(test, 'endpoints › a bad filter, header or egress pool is named', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const filter = await api.request('POST', '/v1/endpoints', {
    key,
    body: {
      url: HOOK,
      filter: { 'payload.amount': { $gtee: 100 }, 'payload.currency': { $in: 'EUR' }, 'customer.id': 1 },
    },
  });
  t.is(filter.status, 400);
  t.is(filter.body.code, 'CARAVAN_VALIDATION_FAILED');
  t.deepEqual(fieldsOf(filter.body), [
    '/body/filter/customer.id',
    '/body/filter/payload.amount/$gtee',
    '/body/filter/payload.currency/$in',
  ]);

  const headers = await api.request('POST', '/v1/endpoints', {
    key,
    body: { url: HOOK, headers: { Host: 'evil', 'Webhook-Id': 'x', 'Bad Name': 'x', 'X-Ok': 'fine' } },
  });
  t.is(headers.status, 400);
  t.deepEqual(fieldsOf(headers.body), [
    '/body/headers/Bad Name',
    '/body/headers/Host',
    '/body/headers/Webhook-Id',
  ]);

  const pool = await api.request('POST', '/v1/endpoints', {
    key,
    body: { url: HOOK, egressPoolId: 'pool_01JB9W1B3D5F7H9K1M3P5R7T9V' },
  });
  t.is(pool.status, 404);
  t.is(pool.body.code, 'CARAVAN_EGRESS_POOL_NOT_FOUND');
  t.deepEqual(fieldsOf(pool.body), ['/body/egressPoolId']);

  const created = await createEndpoint(api, key);
  const patch = await api.request('PATCH', `/v1/endpoints/${created.id}`, {
    key,
    body: { filter: { payload: 1 }, headers: { 'Content-Type': 'text/plain' } },
  });
  t.is(patch.status, 400);
  t.deepEqual(fieldsOf(patch.body), ['/body/filter/payload', '/body/headers/Content-Type']);
  t.deepEqual((await api.request('GET', `/v1/endpoints/${created.id}`, { key })).body.headers, {});
});

eachBackendWithClock(
  'endpoints › rotation keeps previous secrets live for the grace period, at most 10, none with grace 0',
  async (t, api, clock) => {
    const { key } = await createTenantWithKey(api);
    const created = await createEndpoint(api, key);
    const before = await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key });
    t.is(before.body.data.length, 1);
    const original = before.body.data[0];
    t.like(original, { current: true, expiresAt: null, publicKey: null });

    clock.advance(1000);
    const rotated = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, {
      key,
      body: { gracePeriodSeconds: 3600 },
    });
    t.is(rotated.status, 200);
    t.regex(rotated.body.secret, /^whsec_/);
    t.not(rotated.body.secret, created.secret);
    t.is(rotated.body.previousSecretsExpireAt, new Date(T0 + 1000 + 3_600_000).toISOString());
    const after = await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key });
    t.deepEqual(after.body.data, [
      {
        id: rotated.body.id,
        current: true,
        publicKey: null,
        createdAt: new Date(T0 + 1000).toISOString(),
        expiresAt: null,
      },
      { ...original, current: false, expiresAt: rotated.body.previousSecretsExpireAt },
    ]);
    t.false(JSON.stringify(after.body).includes(rotated.body.secret));

    const noBody = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, { key });
    t.is(noBody.status, 200, 'the body is optional; the default grace period is 24 hours');
    t.is(noBody.body.previousSecretsExpireAt, new Date(T0 + 1000 + 86_400_000).toISOString());
    for (let i = 0; i < 8; i++) {
      const ok = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, { key, body: {} });
      t.is(ok.status, 200);
    }
    t.is((await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key })).body.data.length, 11);
    const eleventh = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, {
      key,
      body: {},
    });
    t.is(eleventh.status, 409);
    t.is(eleventh.body.code, 'CARAVAN_TOO_MANY_SECRETS');

    const supplied = hmacSecret(7);
    const emergency = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, {
      key,
      body: { gracePeriodSeconds: 0, secret: supplied },
    });
    t.is(emergency.status, 200);
    t.is(emergency.body.secret, supplied);
    t.is(emergency.body.previousSecretsExpireAt, new Date(T0 + 1000).toISOString());
    const onlyNew = await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key });
    t.deepEqual(
      onlyNew.body.data.map((s: { id: string; current: boolean }) => [s.id, s.current]),
      [[emergency.body.id, true]],
    );

    const badGrace = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, {
      key,
      body: { gracePeriodSeconds: -1 },
    });
    t.is(badGrace.status, 400);
    t.deepEqual(fieldsOf(badGrace.body), ['/body/gracePeriodSeconds']);
  },
);

eachBackendWithClock(
  'endpoints › a previous secret disappears once its grace period is over',
  async (t, api, clock) => {
    const { key } = await createTenantWithKey(api);
    const created = await createEndpoint(api, key, { signingScheme: 'ed25519' });
    const rotated = await api.request('POST', `/v1/endpoints/${created.id}/secret/rotate`, {
      key,
      body: { gracePeriodSeconds: 60 },
    });
    t.regex(rotated.body.publicKey, /^whpk_/);
    t.not(rotated.body.publicKey, created.publicKey);
    clock.advance(59_999);
    const during = await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key });
    t.deepEqual(
      during.body.data.map((s: { publicKey: string }) => s.publicKey),
      [rotated.body.publicKey, created.publicKey],
    );
    clock.advance(1);
    const after = await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key });
    t.deepEqual(
      after.body.data.map((s: { publicKey: string }) => s.publicKey),
      [rotated.body.publicKey],
    );
    t.is(
      (await api.request('GET', `/v1/endpoints/${created.id}`, { key })).body.publicKey,
      rotated.body.publicKey,
    );
  },
);

eachBackend(test, 'endpoints › pause holds, resume reactivates, also a disabled endpoint', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const created = await createEndpoint(api, key);
  const paused = await api.request('POST', `/v1/endpoints/${created.id}/pause`, { key });
  t.is(paused.status, 200);
  t.is(paused.body.status, 'paused');
  const again = await api.request('POST', `/v1/endpoints/${created.id}/pause`, { key });
  t.deepEqual(again.body, paused.body, 'pausing a paused endpoint changes nothing');
  const resumed = await api.request('POST', `/v1/endpoints/${created.id}/resume`, { key });
  t.is(resumed.body.status, 'active');

  await api.db('endpoints').where({ id: created.id }).update({ status: 'disabled', disabled_reason: 'gone' });
  const disabled = await api.request('GET', `/v1/endpoints/${created.id}`, { key });
  t.like(disabled.body, { status: 'disabled', disabledReason: 'gone' });
  const recover = await api.request('POST', `/v1/endpoints/${created.id}/recover`, {
    key,
    body: { since: '2020-01-01T00:00:00.000Z' },
  });
  t.is(recover.status, 409);
  t.is(recover.body.code, 'CARAVAN_CONFLICT');
  t.regex(recover.body.detail, /resume it first/);
  const reenabled = await api.request('POST', `/v1/endpoints/${created.id}/resume`, { key });
  t.like(reenabled.body, { status: 'active', disabledReason: null });
});

eachBackend(test, 'endpoints › health of a new endpoint is closed with no figures', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const created = await createEndpoint(api, key);
  const health = await api.request('GET', `/v1/endpoints/${created.id}/health`, { key });
  t.is(health.status, 200);
  t.deepEqual(health.body, {
    endpointId: created.id,
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
  await api.db('endpoint_breakers').insert({
    endpoint_id: created.id,
    tenant_id: (await api.db('endpoints').where({ id: created.id }).first('tenant_id')).tenant_id,
    state: 'open',
    opened_at: Date.parse('2026-01-01T00:00:00Z'),
    next_probe_at: Date.parse('2026-01-01T00:00:30Z'),
    consecutive_failures: 5,
    updated_at: Date.parse('2026-01-01T00:00:00Z'),
  });
  const open = await api.request('GET', `/v1/endpoints/${created.id}/health`, { key });
  t.like(open.body, {
    breakerState: 'open',
    breakerOpenedAt: '2026-01-01T00:00:00.000Z',
    nextProbeAt: '2026-01-01T00:00:30.000Z',
  });
});

eachBackendWithClock(
  'endpoints › recover answers 202 with a queued job and its Location',
  async (t, api, clock) => {
    const { key } = await createTenantWithKey(api);
    const created = await createEndpoint(api, key);
    clock.advance(5000);
    const res = await api.request('POST', `/v1/endpoints/${created.id}/recover`, {
      key,
      body: { since: '2026-02-28T00:00:00.000Z' },
    });
    t.is(res.status, 202);
    t.regex(res.body.id, /^job_[0-9A-Z]{26}$/);
    t.deepEqual(res.body, {
      id: res.body.id,
      type: 'endpoint_recover',
      status: 'queued',
      total: null,
      processed: 0,
      error: null,
      createdAt: new Date(T0 + 5000).toISOString(),
      updatedAt: new Date(T0 + 5000).toISOString(),
      finishedAt: null,
    });
    t.is(res.headers.get('location'), `/v1/jobs/${res.body.id}`);
    const row = await api.db('jobs').where({ id: res.body.id }).first();
    t.like(row, { kind: 'endpoint_recover', status: 'queued', processed: 0, total: null });
    t.deepEqual(JSON.parse(row.params), {
      endpointId: created.id,
      since: Date.parse('2026-02-28T00:00:00.000Z'),
      until: T0 + 5000,
    });

    const backwards = await api.request('POST', `/v1/endpoints/${created.id}/recover`, {
      key,
      body: { since: '2026-02-28T00:00:00.000Z', until: '2026-02-27T00:00:00.000Z' },
    });
    t.is(backwards.status, 400);
    t.deepEqual(fieldsOf(backwards.body), ['/body/until']);
    const missing = await api.request('POST', `/v1/endpoints/${created.id}/recover`, { key, body: {} });
    t.is(missing.status, 400);
    t.deepEqual(fieldsOf(missing.body), ['/body/since']);
  },
);

eachBackend(test, 'endpoints › delete removes the endpoint and its secrets', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const created = await createEndpoint(api, key);
  t.is((await api.request('DELETE', `/v1/endpoints/${created.id}`, { key })).status, 204);
  const gone = await api.request('GET', `/v1/endpoints/${created.id}`, { key });
  t.is(gone.status, 404);
  t.is(gone.body.code, 'CARAVAN_ENDPOINT_NOT_FOUND');
  t.is((await api.request('GET', `/v1/endpoints/${created.id}/secrets`, { key })).status, 404);
  t.deepEqual(await api.db('endpoint_secrets').where({ endpoint_id: created.id }), []);
  t.is((await api.request('DELETE', `/v1/endpoints/${created.id}`, { key })).status, 404);
  const badId = await api.request('GET', '/v1/endpoints/evt_01JB9Z0F3H6K9M2P5R8T1W4Y7B', { key });
  t.is(badId.status, 400);
  t.deepEqual(fieldsOf(badId.body), ['/path/endpointId']);
});

eachBackend(
  test,
  'endpoints › another tenant’s key gets 404 for every endpoint operation',
  async (t, api) => {
    const owner = await createTenantWithKey(api, 'Owner');
    const other = await createTenantWithKey(api, 'Other');
    const created = await createEndpoint(api, owner.key);
    const base = `/v1/endpoints/${created.id}`;
    const calls: [method: string, path: string, body?: unknown][] = [
      ['GET', base],
      ['PATCH', base, { description: 'stolen' }],
      ['GET', `${base}/secrets`],
      ['POST', `${base}/secret/rotate`, { gracePeriodSeconds: 0 }],
      ['POST', `${base}/pause`],
      ['POST', `${base}/resume`],
      ['GET', `${base}/health`],
      ['POST', `${base}/recover`, { since: '2020-01-01T00:00:00.000Z' }],
      ['DELETE', base],
    ];
    for (const [method, path, body] of calls) {
      const res = await api.request(method, path, { key: other.key, ...(body ? { body } : {}) });
      t.is(res.status, 404, `${method} ${path}`);
      t.is(res.body.code, 'CARAVAN_ENDPOINT_NOT_FOUND', `${method} ${path}`);
    }
    t.deepEqual((await api.request('GET', '/v1/endpoints', { key: other.key })).body.data, []);
    const mine = await api.request('GET', base, { key: owner.key });
    t.like(mine.body, { description: null, status: 'active' });
    t.is((await api.request('GET', `${base}/secrets`, { key: owner.key })).body.data.length, 1);
    const admin = await api.request('GET', base);
    t.is(admin.status, 403, 'the admin key does not manage endpoints');
  },
);
