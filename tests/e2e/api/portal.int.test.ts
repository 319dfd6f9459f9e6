import test from 'ava';
import { insertAttemptRow, insertDeliveryRow, insertEndpointRow } from '@caravan/testing';
import { loadContract } from '../../../api/src/server/loadContract.js';
import { PORTAL_OPERATIONS } from '../../../api/src/server/stages/portalScope.js';
import { ApiHarness, createTenantWithKey } from '../../support/apiHarness.js';

const document = loadContract().document as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
};
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  ['get', 'post', 'patch', 'put', 'delete']
    .filter((m) => item[m])
    .map((m) => {
      const op = item[m]!;
      const media = (op.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)
        ?.content?.['application/json'];
      return {
        method: m.toUpperCase(),
        path,
        operationId: op.operationId as string,
        example: media?.example,
        hasBody: media !== undefined,
      };
    }),
);

async function portalFixture(api: ApiHarness) {
  const tenant = await createTenantWithKey(api);
  const mint = async (ownerId: string) => {
    const res = await api.request('POST', '/v1/tenant/portal-tokens', {
      key: tenant.key,
      body: { ownerId, ttlSeconds: 600 },
    });
    if (res.status !== 201) throw new Error(`createPortalToken answered ${res.status}`);
    return res.body.token as string;
  };
  // Another owner's endpoint with a delivery and an attempt, and an endpoint of no owner.
  const theirEndpoint = await insertEndpointRow(api.db, tenant.tenantId, { owner_id: 'cus_b' });
  const unowned = await insertEndpointRow(api.db, tenant.tenantId);
  const theirs = await insertDeliveryRow(api.db, { tenantId: tenant.tenantId, endpointId: theirEndpoint });
  await insertAttemptRow(api.db, {
    tenantId: tenant.tenantId,
    deliveryId: theirs.deliveryId,
    endpointId: theirEndpoint,
    attemptNumber: 1,
    statusCode: 500,
  });
  return { tenant, mint, theirEndpoint, unowned, theirs };
}

test('portal › a portal token reaches nothing outside its owner: every operation answers 404', async (t) => {
  const api = await ApiHarness.start('sqlite');
  t.teardown(() => api.close());
  const { tenant, mint, theirEndpoint, unowned, theirs } = await portalFixture(api);
  const token = await mint('cus_a');
  const job = await api.request('POST', '/v1/deliveries/bulk-retry', {
    key: tenant.key,
    body: { since: '2026-01-01T00:00:00.000Z' },
  });
  const eventType = await api.request('POST', '/v1/event-types', { key: tenant.key, body: { name: 'a.b' } });
  const ids: Record<string, string> = {
    tenantId: tenant.tenantId,
    keyId: tenant.keyId,
    endpointId: theirEndpoint,
    eventId: theirs.eventId,
    deliveryId: theirs.deliveryId,
    jobId: job.body.id,
    eventTypeName: eventType.body.name,
    poolId: 'pool_01JB9Y2M4T8K3Q7V5X1Z6C9D0E',
    sourceId: 'src_01JB9Y2M4T8K3Q7V5X1Z6C9D0E',
    deadLetterId: 'dl_01JB9Y2M4T8K3Q7V5X1Z6C9D0E',
    sourceTypeId: 'aws-sqs',
  };
  const outside = [theirEndpoint, unowned, theirs.deliveryId, theirs.eventId, 'cus_b', tenant.keyId];

  for (const op of operations) {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'x');
    // An owner field in a body names the other owner.
    const body =
      op.operationId === 'createEndpoint' || op.operationId === 'updateEndpoint'
        ? { url: 'http://127.0.0.1:9/b', ownerId: 'cus_b' }
        : (op.example ?? {});
    const res = await api.request(op.method, path, { key: token, ...(op.hasBody ? { body } : {}) });
    const where = `${op.operationId} ${op.method} ${path} → ${res.status}`;
    if (['listEndpoints', 'listDeliveries', 'listTenantEgressPools'].includes(op.operationId)) {
      t.is(res.status, 200, where);
      const text = JSON.stringify(res.body);
      for (const id of outside) t.false(text.includes(id), `${where} shows ${id}`);
    } else {
      t.is(res.status, 404, where);
    }
  }

  // Queries that name what is outside the owner.
  for (const query of ['ownerId=cus_b', 'ownerId=']) {
    const res = await api.request('GET', `/v1/endpoints?${query}`, { key: token });
    t.true([400, 404].includes(res.status), `listEndpoints?${query} → ${res.status}`);
  }
  for (const query of [`?endpointId=${theirEndpoint}`, `?endpointId=${unowned}`, '?ownerId=cus_b']) {
    const res = await api.request('GET', `/v1/deliveries${query}`, { key: token });
    t.is(res.status, 404, `listDeliveries${query}`);
  }
  // The job of a recovery on another owner's endpoint.
  const recovered = await api.request('POST', `/v1/endpoints/${theirEndpoint}/recover`, {
    key: tenant.key,
    body: { since: '2026-01-01T00:00:00.000Z' },
  });
  t.is(recovered.status, 202);
  t.is((await api.request('GET', `/v1/jobs/${recovered.body.id}`, { key: token })).status, 404);
  t.is(
    (await api.request('POST', '/v1/tenant/portal-tokens', { key: token, body: { ownerId: 'cus_a' } }))
      .status,
    404,
    'a portal token mints no token',
  );
  t.true(
    Object.keys(PORTAL_OPERATIONS).every((id) => operations.some((o) => o.operationId === id)),
    'every portal operation is in the contract',
  );
});

test('portal › the owner manages their endpoints and secrets and sees their deliveries and attempts', async (t) => {
  const api = await ApiHarness.start('sqlite');
  t.teardown(() => api.close());
  const { tenant, mint } = await portalFixture(api);
  const token = await mint('cus_a');

  const created = await api.request('POST', '/v1/endpoints', {
    key: token,
    body: { url: 'http://127.0.0.1:9/a', eventTypes: ['invoice.*'] },
  });
  t.is(created.status, 201);
  t.is(created.body.ownerId, 'cus_a', 'an endpoint the portal creates belongs to its owner');
  const endpointId = created.body.id as string;

  const listed = await api.request('GET', '/v1/endpoints', { key: token });
  t.deepEqual(
    listed.body.data.map((e: { id: string }) => e.id),
    [endpointId],
  );
  t.is(
    (await api.request('PATCH', `/v1/endpoints/${endpointId}`, { key: token, body: { description: 'ours' } }))
      .body.description,
    'ours',
  );
  t.is(
    (await api.request('POST', `/v1/endpoints/${endpointId}/pause`, { key: token })).body.status,
    'paused',
  );
  t.is(
    (await api.request('POST', `/v1/endpoints/${endpointId}/resume`, { key: token })).body.status,
    'active',
  );
  const rotated = await api.request('POST', `/v1/endpoints/${endpointId}/secret/rotate`, {
    key: token,
    body: { gracePeriodSeconds: 3600 },
  });
  t.is(rotated.status, 200);
  t.is((await api.request('GET', `/v1/endpoints/${endpointId}/secrets`, { key: token })).body.data.length, 2);
  t.is((await api.request('GET', `/v1/endpoints/${endpointId}/health`, { key: token })).status, 200);

  const ours = await insertDeliveryRow(api.db, { tenantId: tenant.tenantId, endpointId });
  await insertAttemptRow(api.db, {
    tenantId: tenant.tenantId,
    deliveryId: ours.deliveryId,
    endpointId,
    attemptNumber: 1,
    statusCode: 500,
  });
  const deliveries = await api.request('GET', `/v1/deliveries?endpointId=${endpointId}`, { key: token });
  t.deepEqual(
    deliveries.body.data.map((d: { id: string }) => d.id),
    [ours.deliveryId],
  );
  t.is((await api.request('GET', `/v1/deliveries/${ours.deliveryId}`, { key: token })).status, 200);
  t.is(
    (await api.request('GET', `/v1/deliveries/${ours.deliveryId}/attempts`, { key: token })).body.data.length,
    1,
  );
  t.is((await api.request('POST', `/v1/deliveries/${ours.deliveryId}/retry`, { key: token })).status, 202);

  // Across every endpoint of the owner, and only theirs.
  const second = await api.request('POST', '/v1/endpoints', {
    key: token,
    body: { url: 'http://127.0.0.1:9/c' },
  });
  const secondEndpoint = second.body.id as string;
  const other = await insertDeliveryRow(api.db, { tenantId: tenant.tenantId, endpointId: secondEndpoint });
  const all = await api.request('GET', '/v1/deliveries', { key: token });
  t.is(all.status, 200);
  t.deepEqual(
    all.body.data.map((d: { id: string }) => d.id).sort(),
    [ours.deliveryId, other.deliveryId].sort(),
  );
  t.deepEqual(
    (await api.request('GET', '/v1/deliveries?ownerId=cus_a&limit=1', { key: token })).body.data.length,
    1,
  );
  const byTenant = await api.request('GET', '/v1/deliveries?ownerId=cus_a', { key: tenant.key });
  t.is(byTenant.body.data.length, 2, "the tenant lists one customer's deliveries with ownerId");

  // Recover since T, and follow the job.
  const recover = await api.request('POST', `/v1/endpoints/${endpointId}/recover`, {
    key: token,
    body: { since: '2020-01-01T00:00:00.000Z' },
  });
  t.is(recover.status, 202);
  t.is(recover.body.type, 'endpoint_recover');
  const job = await api.request('GET', `/v1/jobs/${recover.body.id}`, { key: token });
  t.is(job.status, 200);
  t.is(job.body.id, recover.body.id);
  t.is((await api.request('DELETE', `/v1/endpoints/${endpointId}`, { key: token })).status, 204);
  t.is(
    (await api.request('GET', '/v1/tenant', { key: token })).status,
    404,
    'the tenant itself stays out of reach',
  );
});

test('portal › a token that expired or was altered is refused with 401', async (t) => {
  const api = await ApiHarness.start('sqlite');
  t.teardown(() => api.close());
  const { mint } = await portalFixture(api);
  const token = await mint('cus_a');
  const altered = `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`;
  t.is((await api.request('GET', '/v1/endpoints', { key: altered })).status, 401);
  t.is((await api.request('GET', '/v1/endpoints', { key: `${token}x` })).status, 401);
});
