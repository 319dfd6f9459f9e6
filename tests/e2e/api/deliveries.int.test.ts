import test from 'ava';
import { insertAttemptRow, insertDeliveryRow, insertEndpointRow } from '@caravan/testing';
import { createTenantWithKey, eachBackend } from '../../support/apiHarness.js';

eachBackend(
  test,
  'deliveries › a tenant lists, filters and reads its deliveries and their attempts',
  async (t, api) => {
    const { tenantId, key } = await createTenantWithKey(api);
    const ep1 = await insertEndpointRow(api.db, tenantId);
    const ep2 = await insertEndpointRow(api.db, tenantId);
    const base = Date.UTC(2026, 10, 1);
    const failed = await insertDeliveryRow(api.db, {
      tenantId,
      endpointId: ep1,
      status: 'failed',
      createdAt: base,
    });
    const ok = await insertDeliveryRow(api.db, {
      tenantId,
      endpointId: ep2,
      status: 'succeeded',
      createdAt: base + 1000,
    });
    await insertAttemptRow(api.db, {
      tenantId,
      deliveryId: failed.deliveryId,
      endpointId: ep1,
      attemptNumber: 1,
      statusCode: 500,
    });
    await insertAttemptRow(api.db, {
      tenantId,
      deliveryId: failed.deliveryId,
      endpointId: ep1,
      attemptNumber: 2,
      statusCode: 502,
    });

    const all = await api.request('GET', '/v1/deliveries', { key });
    t.deepEqual(
      all.body.data.map((d: { id: string }) => d.id),
      [ok.deliveryId, failed.deliveryId],
      'newest first',
    );
    const onlyFailed = await api.request('GET', '/v1/deliveries?status=failed', { key });
    t.deepEqual(
      onlyFailed.body.data.map((d: { id: string }) => d.id),
      [failed.deliveryId],
    );
    const byEndpoint = await api.request('GET', `/v1/deliveries?endpointId=${ep2}`, { key });
    t.deepEqual(
      byEndpoint.body.data.map((d: { id: string }) => d.id),
      [ok.deliveryId],
    );
    const byEvent = await api.request('GET', `/v1/deliveries?eventId=${failed.eventId}`, { key });
    t.is(byEvent.body.data.length, 1);
    const window = await api.request('GET', `/v1/deliveries?since=${new Date(base + 500).toISOString()}`, {
      key,
    });
    t.deepEqual(
      window.body.data.map((d: { id: string }) => d.id),
      [ok.deliveryId],
    );

    const one = await api.request('GET', `/v1/deliveries/${failed.deliveryId}`, { key });
    t.like(one.body, { status: 'failed', attemptCount: 1, lastStatusCode: 500 });
    t.deepEqual(one.body.lastError, { code: 'non_2xx_status', message: 'Receiver answered 500.' });

    const attempts = await api.request('GET', `/v1/deliveries/${failed.deliveryId}/attempts?limit=1`, {
      key,
    });
    t.is(attempts.body.data[0].attemptNumber, 2, 'newest attempt first');
    const older = await api.request(
      'GET',
      `/v1/deliveries/${failed.deliveryId}/attempts?limit=1&cursor=${attempts.body.nextCursor}`,
      { key },
    );
    t.is(older.body.data[0].attemptNumber, 1);
    t.is(older.body.nextCursor, null);
  },
);

eachBackend(
  test,
  'deliveries › retry queues one attempt now; a disabled endpoint refuses; bulk retry starts a job',
  async (t, api) => {
    const { tenantId, key } = await createTenantWithKey(api);
    const ep = await insertEndpointRow(api.db, tenantId);
    const off = await insertEndpointRow(api.db, tenantId, { status: 'disabled' });
    const d = await insertDeliveryRow(api.db, { tenantId, endpointId: ep, status: 'failed' });
    const blocked = await insertDeliveryRow(api.db, { tenantId, endpointId: off, status: 'failed' });

    const retried = await api.request('POST', `/v1/deliveries/${d.deliveryId}/retry`, { key });
    t.is(retried.status, 202);
    t.is(retried.body.status, 'pending');
    t.truthy(retried.body.nextAttemptAt);
    const again = await api.request('POST', `/v1/deliveries/${d.deliveryId}/retry`, { key });
    t.deepEqual(again.body, retried.body, 'a pending delivery is returned unchanged');
    const refused = await api.request('POST', `/v1/deliveries/${blocked.deliveryId}/retry`, { key });
    t.is(refused.status, 409);
    t.is(refused.body.code, 'CARAVAN_CONFLICT');

    const job = await api.request('POST', '/v1/deliveries/bulk-retry', {
      key,
      body: { since: '2026-01-01T00:00:00.000Z', status: ['failed'] },
    });
    t.is(job.status, 202);
    t.is(job.headers.get('location'), `/v1/jobs/${job.body.id}`);
    t.like(job.body, { type: 'bulk_retry', status: 'queued', processed: 0, total: null });
    const read = await api.request('GET', `/v1/jobs/${job.body.id}`, { key });
    t.is(read.body.id, job.body.id);

    const missingSince = await api.request('POST', '/v1/deliveries/bulk-retry', {
      key,
      body: { status: ['failed'] },
    });
    t.is(missingSince.status, 400);
    t.deepEqual(missingSince.body.errors, [{ field: '/body/since', message: 'is required' }]);
  },
);

eachBackend(test, 'deliveries › another tenant sees none of them', async (t, api) => {
  const a = await createTenantWithKey(api, 'A');
  const b = await createTenantWithKey(api, 'B');
  const ep = await insertEndpointRow(api.db, a.tenantId);
  const d = await insertDeliveryRow(api.db, { tenantId: a.tenantId, endpointId: ep });
  t.is((await api.request('GET', '/v1/deliveries', { key: b.key })).body.data.length, 0);
  for (const [method, path] of [
    ['GET', `/v1/deliveries/${d.deliveryId}`],
    ['GET', `/v1/deliveries/${d.deliveryId}/attempts`],
    ['POST', `/v1/deliveries/${d.deliveryId}/retry`],
  ] as const) {
    const res = await api.request(method, path, { key: b.key });
    t.is(res.status, 404, `${method} ${path}`);
    t.is(res.body.code, 'CARAVAN_DELIVERY_NOT_FOUND');
  }
  const job = await api.request('POST', '/v1/deliveries/bulk-retry', {
    key: a.key,
    body: { since: '2026-01-01T00:00:00.000Z' },
  });
  t.is((await api.request('GET', `/v1/jobs/${job.body.id}`, { key: b.key })).status, 404);
});

eachBackend(
  test,
  'deliveries › ownerId lists the deliveries to every endpoint of one customer, and only theirs',
  async (t, api) => {
    const { tenantId, key } = await createTenantWithKey(api);
    const other = await createTenantWithKey(api, 'Globex');
    const first = await insertEndpointRow(api.db, tenantId, { owner_id: 'cus_a' });
    const second = await insertEndpointRow(api.db, tenantId, { owner_id: 'cus_a' });
    const elsewhere = await insertEndpointRow(api.db, tenantId, { owner_id: 'cus_b' });
    const sameOwnerOtherTenant = await insertEndpointRow(api.db, other.tenantId, { owner_id: 'cus_a' });
    const d1 = await insertDeliveryRow(api.db, { tenantId, endpointId: first, status: 'succeeded' });
    const d2 = await insertDeliveryRow(api.db, { tenantId, endpointId: second, status: 'failed' });
    await insertDeliveryRow(api.db, { tenantId, endpointId: elsewhere });
    await insertDeliveryRow(api.db, { tenantId: other.tenantId, endpointId: sameOwnerOtherTenant });

    const ids = async (query: string) =>
      (await api.request('GET', `/v1/deliveries?${query}`, { key })).body.data
        .map((d: { id: string }) => d.id)
        .sort();
    t.deepEqual(await ids('ownerId=cus_a'), [d1.deliveryId, d2.deliveryId].sort());
    t.deepEqual(await ids('ownerId=cus_a&status=failed'), [d2.deliveryId]);
    t.deepEqual(await ids(`ownerId=cus_a&endpointId=${elsewhere}`), []);
    t.deepEqual(await ids('ownerId=cus_nobody'), []);
    const empty = await api.request('GET', '/v1/deliveries?ownerId=', { key });
    t.is(empty.status, 400);
    t.is(empty.body.errors[0].field, '/query/ownerId');
  },
);
