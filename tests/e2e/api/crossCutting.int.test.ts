import test from 'ava';
import { createTenantWithKey, eachBackend } from '../../support/apiHarness.js';

eachBackend(
  test,
  'idempotency › a repeated create with the same Idempotency-Key replays the first answer',
  async (t, api) => {
    const headers = { 'idempotency-key': 'create-acme-1' };
    const first = await api.request('POST', '/v1/tenants', { body: { name: 'Acme' }, headers });
    t.is(first.status, 201);
    t.is(first.headers.get('idempotent-replayed'), null);
    const again = await api.request('POST', '/v1/tenants', { body: { name: 'Acme' }, headers });
    t.is(again.status, 201);
    t.is(again.headers.get('idempotent-replayed'), 'true');
    t.deepEqual(again.body, first.body);
    const list = await api.request('GET', '/v1/tenants');
    t.is(list.body.data.length, 1, 'only one tenant was created');

    const reused = await api.request('POST', '/v1/tenants', { body: { name: 'Other' }, headers });
    t.is(reused.status, 409);
    t.is(reused.body.code, 'CARAVAN_IDEMPOTENCY_KEY_REUSED');

    const otherPath = await api.request('POST', `/v1/tenants/${first.body.id}/api-keys`, {
      body: {},
      headers,
    });
    t.is(otherPath.status, 201, 'the same key on another path is another request');
  },
);

eachBackend(test, 'idempotency › a failed request is not remembered, so its retry runs', async (t, api) => {
  const headers = { 'idempotency-key': 'k-400' };
  const bad = await api.request('POST', '/v1/tenants/tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E/api-keys', {
    body: {},
    headers,
  });
  t.is(bad.status, 404);
  const created = await api.request('POST', '/v1/tenants', { body: { name: 'Later' } });
  const retried = await api.request('POST', `/v1/tenants/${created.body.id}/api-keys`, { body: {}, headers });
  t.is(retried.status, 201);
});

eachBackend(
  test,
  'rate limit › each key has its own budget; over it the answer is 429 with Retry-After and RateLimit headers',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const answers = [];
    // Windows are whole clock seconds: seven requests in well under a second meet at most two windows,
    // which let six through.
    for (let i = 0; i < 7; i++) answers.push(await api.request('GET', '/v1/tenant', { key }));
    t.is(answers[0]!.headers.get('ratelimit-limit'), '3');
    t.deepEqual(answers.map((a) => a.status).slice(0, 3), [200, 200, 200]);
    const limited = answers.find((a) => a.status === 429);
    t.truthy(limited, 'a 4th request within a window is refused');
    t.is(limited!.body.code, 'CARAVAN_RATE_LIMITED');
    t.true(Number(limited!.headers.get('retry-after')) >= 1);
    t.is(limited!.headers.get('ratelimit-remaining'), '0');
    const admin = await api.request('GET', '/v1/tenants');
    t.is(admin.status, 200, 'the admin key is counted separately');
  },
  { env: { CARAVAN_API_RATE_LIMIT_PER_SECOND: '3' }, backends: ['sqlite'] },
);

test('ops routes › /openapi.yaml, /docs with local assets, and Prometheus /metrics', async (t) => {
  const { ApiHarness } = await import('../../support/apiHarness.js');
  const api = await ApiHarness.start('sqlite');
  t.teardown(() => api.close());
  // Raw fetch on purpose: these ops routes are outside the API contract, so the SDK has no call for them.
  const spec = await fetch(`${api.url}/openapi.yaml`);
  t.is(spec.status, 200);
  t.regex(await spec.text(), /^openapi: 3\.1\.0/m);
  const docs = await fetch(`${api.url}/docs`);
  const html = await docs.text();
  t.regex(html, /src="\/docs\/assets\/swagger-ui-bundle\.js"/);
  t.notRegex(html, /https?:\/\//, 'the reference page loads nothing from elsewhere');
  const bundle = await fetch(`${api.url}/docs/assets/swagger-ui-bundle.js`);
  t.is(bundle.status, 200);
  t.true((await bundle.arrayBuffer()).byteLength > 100_000);
  await api.request('GET', '/v1/tenants');
  const metrics = await (await fetch(`${api.url}/metrics`)).text();
  t.regex(
    metrics,
    /caravan_http_request_duration_seconds_count\{operation="listTenants",method="GET",status="200"\} 1/,
  );
  t.regex(metrics, /caravan_process_resident_memory_bytes/);
});
