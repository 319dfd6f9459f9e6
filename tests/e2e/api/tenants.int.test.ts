import test from 'ava';
import { ManualClock } from '@caravan/core';
import { ApiHarness, createTenantWithKey, eachBackend } from '../../support/apiHarness.js';

eachBackend(
  test,
  'tenants › the operator creates, lists, reads, updates and deletes a tenant',
  async (t, api) => {
    const created = await api.request('POST', '/v1/tenants', {
      body: { name: 'Acme Billing', limits: { ingestPerSecond: 50, maxEndpoints: 3 } },
    });
    t.is(created.status, 201);
    t.regex(created.body.id, /^tnt_[0-9A-Z]{26}$/);
    t.deepEqual(created.body.limits, {
      ingestPerSecond: 50,
      deliveriesPerSecond: 1000,
      maxEndpoints: 3,
      maxPayloadBytes: 1_048_576,
      eventShards: 2,
    });
    t.false(created.body.hasOperationsSecret);

    const got = await api.request('GET', `/v1/tenants/${created.body.id}`);
    t.deepEqual(got.body, created.body);

    const updated = await api.request('PATCH', `/v1/tenants/${created.body.id}`, {
      body: { name: 'Acme', limits: { maxPayloadBytes: 4096 } },
    });
    t.is(updated.status, 200);
    t.is(updated.body.name, 'Acme');
    t.is(updated.body.limits.maxPayloadBytes, 4096);
    t.is(updated.body.limits.ingestPerSecond, 50, 'limits not named keep their value');

    await api.request('POST', '/v1/tenants', { body: { name: 'Second' } });
    const list = await api.request('GET', '/v1/tenants?limit=1');
    t.is(list.body.data.length, 1);
    t.is(list.body.data[0].name, 'Second', 'newest first');
    const next = await api.request('GET', `/v1/tenants?limit=1&cursor=${list.body.nextCursor}`);
    t.is(next.body.data[0].id, created.body.id);
    t.is(next.body.nextCursor, null);

    t.is((await api.request('DELETE', `/v1/tenants/${created.body.id}`)).status, 204);
    const gone = await api.request('GET', `/v1/tenants/${created.body.id}`);
    t.is(gone.status, 404);
    t.is(gone.body.code, 'CARAVAN_TENANT_NOT_FOUND');
  },
);

eachBackend(
  test,
  "tenants › the operator sets a tenant's event shards on create and update, within 1 to 64",
  async (t, api) => {
    const big = await api.request('POST', '/v1/tenants', {
      body: { name: 'Big', limits: { eventShards: 16 } },
    });
    t.is(big.status, 201);
    t.is(big.body.limits.eventShards, 16);
    const raised = await api.request('PATCH', `/v1/tenants/${big.body.id}`, {
      body: { limits: { eventShards: 64 } },
    });
    t.is(raised.status, 200);
    t.is(raised.body.limits.eventShards, 64);
    t.is((await api.request('GET', `/v1/tenants/${big.body.id}`)).body.limits.eventShards, 64);
    for (const eventShards of [0, 65, 2.5]) {
      const refused = await api.request('PATCH', `/v1/tenants/${big.body.id}`, {
        body: { limits: { eventShards } },
      });
      t.is(refused.status, 400, `eventShards ${eventShards}`);
      t.deepEqual(
        (refused.body.errors as { field: string }[]).map((e) => e.field),
        ['/body/limits/eventShards'],
      );
    }
    t.is((await api.request('GET', `/v1/tenants/${big.body.id}`)).body.limits.eventShards, 64);
  },
);

eachBackend(test, 'tenants › every mistake in a create names the field', async (t, api) => {
  const missing = await api.request('POST', '/v1/tenants', { body: {} });
  t.is(missing.status, 400);
  t.is(missing.body.code, 'CARAVAN_VALIDATION_FAILED');
  t.deepEqual(missing.body.errors, [{ field: '/body/name', message: 'is required' }]);

  const several = await api.request('POST', '/v1/tenants', {
    body: { name: 7, nickname: 'x', limits: { maxPayloadBytes: 10 } },
  });
  t.is(several.status, 400);
  const fields = (several.body.errors as { field: string }[]).map((e) => e.field).sort();
  t.deepEqual(fields, ['/body/limits/maxPayloadBytes', '/body/name', '/body/nickname']);

  const malformed = await api.request('POST', '/v1/tenants', {
    rawBody: '{"name": "x",}',
    headers: { 'content-type': 'application/json' },
  });
  t.is(malformed.status, 400);
  t.is(malformed.body.code, 'CARAVAN_MALFORMED_JSON');
  t.is(
    malformed.body.detail,
    'The request body is not valid JSON: expected a property name in double quotes at line 1, column 14',
  );
  const multiLine = await api.request('POST', '/v1/tenants', {
    rawBody: '{\n  "name": "x"\n  "limits": {}\n}',
    headers: { 'content-type': 'application/json' },
  });
  t.is(multiLine.status, 400);
  t.deepEqual(multiLine.body.errors, [
    { field: '/body', message: "expected ',' or a closing bracket at line 3, column 3" },
  ]);

  const form = await api.request('POST', '/v1/tenants', {
    rawBody: 'name=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.is(form.status, 415);
  t.is(form.body.code, 'CARAVAN_UNSUPPORTED_MEDIA_TYPE');

  const badCursor = await api.request('GET', '/v1/tenants?cursor=nonsense');
  t.is(badCursor.status, 400);
  t.deepEqual(badCursor.body.errors, [
    { field: '/query/cursor', message: 'is not a cursor returned by a previous page of this list' },
  ]);
  const badLimit = await api.request('GET', '/v1/tenants?limit=0');
  t.is(badLimit.status, 400);
  t.is(badLimit.body.errors[0].field, '/query/limit');
});

eachBackend(
  test,
  'api keys › a key is shown once, listed by prefix, and stops working when revoked',
  async (t, api) => {
    const { tenantId, key, keyId } = await createTenantWithKey(api);
    t.regex(key, /^ck_live_[0-9A-Za-z]{32,64}$/);

    const own = await api.request('GET', '/v1/tenant', { key });
    t.is(own.status, 200);
    t.is(own.body.id, tenantId);
    t.deepEqual(own.body.usage, { endpoints: 0, eventsIngestedLast24h: 0 });

    const listed = await api.request('GET', `/v1/tenants/${tenantId}/api-keys`);
    t.is(listed.body.data.length, 1);
    t.is(listed.body.data[0].id, keyId);
    t.is(listed.body.data[0].prefix, key.slice(0, 14));
    t.false(JSON.stringify(listed.body).includes(key), 'the key itself is never listed');

    t.is((await api.request('DELETE', `/v1/tenants/${tenantId}/api-keys/${keyId}`)).status, 204);
    const revoked = await api.request('GET', '/v1/tenant', { key });
    t.is(revoked.status, 401);
    t.is(revoked.body.code, 'CARAVAN_UNAUTHORIZED');
    t.is(revoked.headers.get('www-authenticate'), 'Bearer realm="caravan"');
    t.is((await api.request('DELETE', `/v1/tenants/${tenantId}/api-keys/${keyId}`)).status, 404);
  },
);

eachBackend(
  test,
  'api keys › a tenant lists, creates and revokes its own keys, but a key never revokes itself',
  async (t, api) => {
    const { tenantId, key, keyId } = await createTenantWithKey(api);
    const other = await createTenantWithKey(api, 'Globex');

    const created = await api.request('POST', '/v1/tenant/api-keys', { key, body: { name: 'deploy' } });
    t.is(created.status, 201);
    t.regex(created.body.key, /^ck_live_/);
    t.is(created.body.name, 'deploy');
    const fresh = created.body.key as string;
    t.is((await api.request('GET', '/v1/tenant', { key: fresh })).body.id, tenantId, 'the new key works');

    const listed = await api.request('GET', '/v1/tenant/api-keys', { key });
    t.deepEqual(
      listed.body.data.map((k: { id: string }) => k.id),
      [created.body.id, keyId],
    );
    t.false(JSON.stringify(listed.body).includes(fresh), 'the key itself is never listed');
    const theirs = await api.request('GET', '/v1/tenant/api-keys', { key: other.key });
    t.deepEqual(
      theirs.body.data.map((k: { id: string }) => k.id),
      [other.keyId],
      'another tenant sees only its own keys',
    );

    const self = await api.request('DELETE', `/v1/tenant/api-keys/${keyId}`, { key });
    t.is(self.status, 409);
    t.is(self.body.code, 'CARAVAN_CONFLICT');
    t.regex(self.body.detail, /sign in with another key/);
    t.is((await api.request('GET', '/v1/tenant', { key })).status, 200, 'the refused key still works');

    const foreign = await api.request('DELETE', `/v1/tenant/api-keys/${other.keyId}`, { key });
    t.is(foreign.status, 404, "another tenant's key cannot be probed");
    t.is((await api.request('GET', '/v1/tenant', { key: other.key })).status, 200);

    t.is((await api.request('DELETE', `/v1/tenant/api-keys/${keyId}`, { key: fresh })).status, 204);
    t.is((await api.request('GET', '/v1/tenant', { key })).status, 401, 'the revoked key stops at once');
    t.deepEqual(
      (await api.request('GET', '/v1/tenant/api-keys', { key: fresh })).body.data.map(
        (k: { id: string }) => k.id,
      ),
      [created.body.id],
    );
    const admin = await api.request('GET', '/v1/tenant/api-keys');
    t.is(admin.status, 403, 'the admin key manages keys under /v1/tenants/{tenantId}/api-keys');
    const bad = await api.request('POST', '/v1/tenant/api-keys', {
      key: fresh,
      body: { expiresAt: '2000-01-01T00:00:00.000Z' },
    });
    t.is(bad.status, 400);
    t.is(bad.body.errors[0].field, '/body/expiresAt');
  },
);

eachBackend(
  test,
  'auth › keys only reach their own audience, and probing the admin surface looks like a missing route',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const noKey = await api.request('GET', '/v1/tenant', { key: null });
    t.is(noKey.status, 401);
    const wrongKey = await api.request('GET', '/v1/tenant', {
      key: 'ck_live_notarealkeynotarealkeynotarealkey',
    });
    t.is(wrongKey.status, 401);
    const tenantOnAdmin = await api.request('GET', '/v1/tenants', { key });
    t.is(tenantOnAdmin.status, 404);
    t.is(tenantOnAdmin.body.code, 'CARAVAN_NOT_FOUND');
    const adminOnTenant = await api.request('GET', '/v1/tenant');
    t.is(adminOnTenant.status, 403);
    t.is(adminOnTenant.body.code, 'CARAVAN_FORBIDDEN');
    const unknownRoute = await api.request('GET', '/v1/nothing-here', { key });
    t.is(unknownRoute.status, 404);
  },
);

eachBackend(
  test,
  'tenant › a tenant sets its operations URL and secret, which is never returned',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const secret = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
    const updated = await api.request('PATCH', '/v1/tenant', {
      key,
      body: { operationsUrl: 'https://ops.acme.test/caravan', operationsSecret: secret },
    });
    t.is(updated.status, 200);
    t.is(updated.body.operationsUrl, 'https://ops.acme.test/caravan');
    t.true(updated.body.hasOperationsSecret);
    t.false(JSON.stringify(updated.body).includes(secret));
    const limits = await api.request('PATCH', '/v1/tenant', { key, body: { limits: { maxEndpoints: 1e6 } } });
    t.is(limits.status, 400, 'limits are the operator’s to set');
    t.is(limits.body.errors[0].field, '/body/limits');
  },
);

for (const backend of ['sqlite', 'mysql'] as const) {
  test(`[${backend}] api keys › rotation: the old key keeps working until the expiry set on it, the new one after`, async (t) => {
    const clock = new ManualClock(Date.UTC(2026, 10, 30, 12));
    const api = await ApiHarness.start(backend, { clock });
    t.teardown(() => api.close());
    const { tenantId, key: oldKey, keyId: oldId } = await createTenantWithKey(api);
    const fresh = await api.request('POST', `/v1/tenants/${tenantId}/api-keys`, { body: { name: 'next' } });
    const expiresAt = new Date(clock.now() + 60_000).toISOString();
    const updated = await api.request('PATCH', `/v1/tenants/${tenantId}/api-keys/${oldId}`, {
      body: { expiresAt },
    });
    t.is(updated.status, 200);
    t.is(updated.body.expiresAt, expiresAt);
    const past = await api.request('PATCH', `/v1/tenants/${tenantId}/api-keys/${oldId}`, {
      body: { expiresAt: new Date(clock.now() - 1).toISOString() },
    });
    t.is(past.status, 400);
    t.deepEqual(past.body.errors, [{ field: '/body/expiresAt', message: 'must be in the future' }]);

    t.is(
      (await api.request('GET', '/v1/tenant', { key: oldKey })).status,
      200,
      'both keys work during the overlap',
    );
    t.is((await api.request('GET', '/v1/tenant', { key: fresh.body.key })).status, 200);
    clock.advance(59_999);
    t.is(
      (await api.request('GET', '/v1/tenant', { key: oldKey })).status,
      200,
      'still live 1 ms before its expiry',
    );
    clock.advance(1);
    t.is(
      (await api.request('GET', '/v1/tenant', { key: oldKey })).status,
      401,
      'expired exactly at expiresAt',
    );
    t.is((await api.request('GET', '/v1/tenant', { key: fresh.body.key })).status, 200);
  });

  test(`[${backend}] pagination › walking 1000 API keys page by page sees each exactly once`, async (t) => {
    const api = await ApiHarness.start(backend);
    t.teardown(() => api.close());
    const { tenantId } = await createTenantWithKey(api);
    const created = new Set<string>();
    for (let i = 0; i < 999; i += 37) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(37, 999 - i) }, () =>
          api.request('POST', `/v1/tenants/${tenantId}/api-keys`, { body: {} }),
        ),
      );
      for (const r of batch) created.add(r.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api.request(
        'GET',
        `/v1/tenants/${tenantId}/api-keys?limit=250${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((k: { id: string }) => k.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    t.is(seen.length, 1000);
    t.is(new Set(seen).size, 1000, 'no repeats');
    for (const id of created) t.true(seen.includes(id), `${id} listed`);
  });
}

// All test traffic comes from 127.0.0.1, so the limit is made small for this server.
eachBackend(
  test,
  'auth › an address past its failed-key limit gets 429 with Retry-After; a working key is not slowed',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    t.is((await api.request('GET', '/v1/tenant', { key })).status, 200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const wrong = await api.request('GET', '/v1/tenant', { key: `ck_live_${String(i).padStart(43, 'z')}` });
      statuses.push(wrong.status);
    }
    t.deepEqual(statuses, [401, 401, 401]);
    const over = await api.request('GET', '/v1/tenant', { key: 'ck_live_notarealkeynotarealkeynotarealkey' });
    t.is(over.status, 429);
    t.is(over.body.code, 'CARAVAN_RATE_LIMITED');
    t.true(Number(over.headers.get('retry-after')) >= 1);
    const malformed = await api.request('GET', '/v1/tenant', { key: 'guess' });
    t.is(malformed.status, 429, 'malformed keys count too');
    for (let i = 0; i < 5; i++) t.is((await api.request('GET', '/v1/tenant', { key })).status, 200);
  },
  { env: { CARAVAN_API_AUTH_FAILURES_PER_MINUTE: '3' } },
);

for (const backend of ['sqlite', 'mysql'] as const) {
  test(`[${backend}] tenant › requireRegisteredEventTypes refuses events of unregistered types, naming the field`, async (t) => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6, 12));
    const api = await ApiHarness.start(backend, { clock });
    t.teardown(() => api.close());
    const { tenantId, key } = await createTenantWithKey(api);
    const send = (eventType: string) =>
      api.request('POST', '/v1/events', { key, body: { eventType, payload: { n: 1 } } });
    t.false((await api.request('GET', '/v1/tenant', { key })).body.requireRegisteredEventTypes);
    t.is((await send('nobody.registered')).status, 202, 'off by default: any type is accepted');

    const own = await api.request('PATCH', '/v1/tenant', {
      key,
      body: { requireRegisteredEventTypes: true },
    });
    t.is(own.status, 200);
    t.true(own.body.requireRegisteredEventTypes);
    t.is((await api.request('POST', '/v1/event-types', { key, body: { name: 'invoice.paid' } })).status, 201);
    clock.advance(5_000); // ingest trusts a tenant's settings for 5 s

    const unknown = await send('invoice.payed');
    t.is(unknown.status, 400);
    t.is(unknown.body.code, 'CARAVAN_VALIDATION_FAILED');
    t.deepEqual(unknown.body.errors, [
      {
        field: '/body/eventType',
        message:
          '"invoice.payed" is not a registered event type (this tenant requires registered event types)',
      },
    ]);
    t.is((await send('invoice.paid')).status, 202, 'a registered type is accepted');
    const batch = await api.request('POST', '/v1/events/batch', {
      key,
      body: {
        events: [
          { eventType: 'invoice.paid', payload: 1 },
          { eventType: 'invoice.payed', payload: 2 },
        ],
      },
    });
    t.is(batch.status, 400);
    t.deepEqual(
      batch.body.errors.map((e: { field: string }) => e.field),
      ['/body/events/1/eventType'],
    );

    const created = await api.request('POST', '/v1/tenants', {
      body: { name: 'Strict', requireRegisteredEventTypes: true },
    });
    t.is(created.status, 201);
    t.true(created.body.requireRegisteredEventTypes);
    const off = await api.request('PATCH', `/v1/tenants/${tenantId}`, {
      body: { requireRegisteredEventTypes: false },
    });
    t.is(off.status, 200);
    t.false(off.body.requireRegisteredEventTypes);
    clock.advance(5_000);
    t.is((await send('invoice.payed')).status, 202, 'the operator turned it off again');
  });
}
