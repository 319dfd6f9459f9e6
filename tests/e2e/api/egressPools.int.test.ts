import test from 'ava';
import { KeyRing, KnexEgressPoolRepository } from '@caravan/core';
import { createTenantWithKey, eachBackend, type ApiHarness } from '../../support/apiHarness.js';

const bindPool = (allowedTenantIds: string[] = []) => ({
  name: 'eu-static',
  mode: 'bind',
  addresses: ['127.0.0.2', '::1'],
  publicIps: ['203.0.113.11', '2001:db8::11'],
  allowedTenantIds,
});

async function createPool(api: ApiHarness, body: unknown): Promise<string> {
  const created = await api.request('POST', '/v1/egress-pools', { body });
  if (created.status !== 201) throw new Error(`createEgressPool answered ${created.status}`);
  return created.body.id as string;
}

/** An endpoint row that uses the pool (the endpoints API is another operation group). */
async function insertEndpointUsing(api: ApiHarness, tenantId: string, poolId: string) {
  const now = Date.now();
  await api.db('endpoints').insert({
    id: `ep_01JB9Y2M4T8K3Q7V5X1Z6C9D${Math.floor(Math.random() * 90 + 10)}`,
    tenant_id: tenantId,
    url: 'https://receiver.example/hook',
    event_types: '["*"]',
    timeout_ms: 10_000,
    egress_pool_id: poolId,
    signing_scheme: 'hmac',
    status: 'active',
    created_at: now,
    updated_at: now,
  });
}

eachBackend(
  test,
  'egress pools › the operator creates, reads, lists, updates and deletes a pool',
  async (t, api) => {
    const { tenantId } = await createTenantWithKey(api);
    const created = await api.request('POST', '/v1/egress-pools', { body: bindPool([tenantId]) });
    t.is(created.status, 201);
    t.regex(created.body.id, /^pool_[0-9A-Z]{26}$/);
    t.like(created.body, { ...bindPool([tenantId]), allowAllTenants: false });

    const got = await api.request('GET', `/v1/egress-pools/${created.body.id}`);
    t.deepEqual(got.body, created.body);

    const second = await api.request('POST', '/v1/egress-pools', {
      body: {
        name: 'us-proxies',
        mode: 'proxy',
        addresses: ['http://10.0.0.1:3128'],
        publicIps: [],
        allowAllTenants: true,
      },
    });
    t.is(second.status, 201);
    t.deepEqual(second.body.allowedTenantIds, []);
    const page = await api.request('GET', '/v1/egress-pools?limit=1');
    t.deepEqual(
      page.body.data.map((p: { name: string }) => p.name),
      ['us-proxies'],
      'newest first',
    );
    const next = await api.request('GET', `/v1/egress-pools?limit=1&cursor=${page.body.nextCursor}`);
    t.deepEqual(
      next.body.data.map((p: { name: string }) => p.name),
      ['eu-static'],
    );
    t.is(next.body.nextCursor, null);

    const updated = await api.request('PATCH', `/v1/egress-pools/${created.body.id}`, {
      body: { addresses: ['127.0.0.2', '127.0.0.3'], publicIps: ['203.0.113.12'], allowAllTenants: true },
    });
    t.is(updated.status, 200);
    t.deepEqual(updated.body.addresses, ['127.0.0.2', '127.0.0.3']);
    t.deepEqual(updated.body.publicIps, ['203.0.113.12']);
    t.true(updated.body.allowAllTenants);
    t.is(updated.body.name, 'eu-static', 'omitted fields keep their value');
    t.deepEqual(updated.body.allowedTenantIds, [tenantId]);

    t.is((await api.request('DELETE', `/v1/egress-pools/${created.body.id}`)).status, 204);
    const gone = await api.request('GET', `/v1/egress-pools/${created.body.id}`);
    t.is(gone.status, 404);
    t.is(gone.body.code, 'CARAVAN_EGRESS_POOL_NOT_FOUND');
    t.is((await api.request('DELETE', `/v1/egress-pools/${created.body.id}`)).status, 404);
  },
);

eachBackend(
  test,
  'egress pools › proxy credentials are write-only, stored encrypted, and survive a read-modify-write',
  async (t, api) => {
    const secretUrl = 'http://relay:s3cr%40t@proxy-1.internal.example:3128';
    const created = await api.request('POST', '/v1/egress-pools', {
      body: {
        name: 'proxies',
        mode: 'proxy',
        addresses: [secretUrl, 'https://proxy-2.internal.example'],
        publicIps: ['198.51.100.20'],
      },
    });
    t.is(created.status, 201);
    t.deepEqual(created.body.addresses, [
      'http://***@proxy-1.internal.example:3128',
      'https://proxy-2.internal.example',
    ]);
    const listed = await api.request('GET', '/v1/egress-pools');
    t.false(JSON.stringify(listed.body).includes('s3cr'), 'the password is never returned');

    const sentBack = await api.request('PATCH', `/v1/egress-pools/${created.body.id}`, {
      body: { addresses: [...created.body.addresses, 'http://proxy-3.internal.example:8080'] },
    });
    t.is(sentBack.status, 200);
    const row = (await api.db('egress_pools').where({ id: created.body.id }).first()) as Record<
      string,
      unknown
    >;
    t.false(JSON.stringify(row).includes('s3cr'), 'the stored row holds no password');
    t.deepEqual(JSON.parse(row.addresses as string), [
      'http://***@proxy-1.internal.example:3128',
      'https://proxy-2.internal.example',
      'http://proxy-3.internal.example:8080',
    ]);
    // What the dispatcher reads: the full addresses, opened with the key ring.
    const pools = new KnexEgressPoolRepository({ db: api.db, keyRing: new KeyRing(api.config.encryption) });
    t.deepEqual((await pools.get(created.body.id as string))?.addresses, [
      secretUrl,
      'https://proxy-2.internal.example',
      'http://proxy-3.internal.example:8080',
    ]);

    const unknownMasked = await api.request('PATCH', `/v1/egress-pools/${created.body.id}`, {
      body: { addresses: ['http://***@elsewhere.example:3128'] },
    });
    t.is(unknownMasked.status, 400);
    t.is(unknownMasked.body.errors[0].field, '/body/addresses/0');
  },
);

eachBackend(test, 'egress pools › every bad value is named', async (t, api) => {
  const bindUrl = await api.request('POST', '/v1/egress-pools', {
    body: { ...bindPool(), addresses: ['127.0.0.2', 'http://proxy:3128'] },
  });
  t.is(bindUrl.status, 400);
  t.deepEqual(bindUrl.body.errors, [
    { field: '/body/addresses/1', message: 'must be an IPv4 or IPv6 address for a bind pool' },
  ]);
  const proxyIp = await api.request('POST', '/v1/egress-pools', {
    body: {
      ...bindPool(),
      mode: 'proxy',
      addresses: ['http://ok.example:3128', '10.0.0.1', 'socks5://x:1080', 'http://p.example/path'],
    },
  });
  t.deepEqual(
    proxyIp.body.errors.map((e: { field: string }) => e.field),
    ['/body/addresses/1', '/body/addresses/2', '/body/addresses/3'],
  );
  const badIp = await api.request('POST', '/v1/egress-pools', {
    body: { ...bindPool(), publicIps: ['999.1.1.1'] },
  });
  t.is(badIp.status, 400);
  t.true(badIp.body.errors.every((e: { field: string }) => e.field === '/body/publicIps/0'));
  const badMode = await api.request('POST', '/v1/egress-pools', { body: { ...bindPool(), mode: 'nat' } });
  t.is(badMode.body.errors[0].field, '/body/mode');

  const missing = 'tnt_01JB9Y2M4T8K3Q7V5X1Z6C9D0E';
  const { tenantId } = await createTenantWithKey(api);
  const unknownTenant = await api.request('POST', '/v1/egress-pools', {
    body: bindPool([tenantId, missing]),
  });
  t.is(unknownTenant.status, 404);
  t.is(unknownTenant.body.code, 'CARAVAN_TENANT_NOT_FOUND');
  t.deepEqual(unknownTenant.body.errors, [
    { field: '/body/allowedTenantIds/1', message: `tenant ${missing} does not exist` },
  ]);
  t.deepEqual((await api.request('GET', '/v1/egress-pools')).body.data, [], 'nothing was written');

  const id = await createPool(api, bindPool());
  const dup = await api.request('POST', '/v1/egress-pools', {
    body: { ...bindPool(), addresses: ['127.0.0.9'] },
  });
  t.is(dup.status, 409);
  t.is(dup.body.code, 'CARAVAN_CONFLICT');
  await createPool(api, { ...bindPool(), name: 'other' });
  const rename = await api.request('PATCH', `/v1/egress-pools/${id}`, { body: { name: 'other' } });
  t.is(rename.status, 409);
  t.is(rename.body.code, 'CARAVAN_CONFLICT');
  const modeChange = await api.request('PATCH', `/v1/egress-pools/${id}`, { body: { mode: 'proxy' } });
  t.deepEqual(modeChange.body.errors, [{ field: '/body/mode', message: 'is not a known field' }]);
  const badUpdate = await api.request('PATCH', `/v1/egress-pools/${id}`, {
    body: { addresses: ['https://proxy.example'], allowedTenantIds: [missing] },
  });
  t.is(badUpdate.status, 400, 'values are checked before tenants are looked up');
  t.is(badUpdate.body.errors[0].field, '/body/addresses/0');
  const badPath = await api.request('GET', '/v1/egress-pools/ep_01JB9Y2M4T8K3Q7V5X1Z6C9D0E');
  t.is(badPath.body.errors[0].field, '/path/poolId');
});

eachBackend(
  test,
  'egress pools › a tenant sees and uses only the pools it is allowed, with their public IPs',
  async (t, api) => {
    const a = await createTenantWithKey(api, 'A');
    const b = await createTenantWithKey(api, 'B');
    const forA = await createPool(api, bindPool([a.tenantId]));
    const shared = await createPool(api, {
      name: 'shared',
      mode: 'bind',
      addresses: ['127.0.0.3'],
      publicIps: ['198.51.100.7'],
      allowAllTenants: true,
    });

    const listA = await api.request('GET', '/v1/tenant/egress-pools', { key: a.key });
    t.is(listA.status, 200);
    t.deepEqual(listA.body, {
      data: [
        { id: shared, name: 'shared', publicIps: ['198.51.100.7'], isDefault: false },
        { id: forA, name: 'eu-static', publicIps: ['203.0.113.11', '2001:db8::11'], isDefault: false },
      ],
      nextCursor: null,
    });
    const listB = await api.request('GET', '/v1/tenant/egress-pools', { key: b.key });
    t.deepEqual(
      listB.body.data.map((p: { id: string }) => p.id),
      [shared],
      'a pool allowed to another tenant is not listed',
    );
    const pageA = await api.request('GET', '/v1/tenant/egress-pools?limit=1', { key: a.key });
    const restA = await api.request(
      'GET',
      `/v1/tenant/egress-pools?limit=1&cursor=${pageA.body.nextCursor}`,
      { key: a.key },
    );
    t.deepEqual(
      restA.body.data.map((p: { id: string }) => p.id),
      [forA],
    );

    const setDefault = await api.request('PATCH', '/v1/tenant', {
      key: a.key,
      body: { defaultEgressPoolId: forA },
    });
    t.is(setDefault.status, 200);
    t.is(setDefault.body.defaultEgressPoolId, forA);
    const marked = await api.request('GET', '/v1/tenant/egress-pools', { key: a.key });
    t.deepEqual(
      marked.body.data.map((p: { isDefault: boolean }) => p.isDefault),
      [false, true],
    );

    const stolen = await api.request('PATCH', '/v1/tenant', {
      key: b.key,
      body: { defaultEgressPoolId: forA },
    });
    t.is(stolen.status, 404, 'another tenant’s pool answers like a missing one');
    t.is(stolen.body.code, 'CARAVAN_EGRESS_POOL_NOT_FOUND');
    const allowed = await api.request('PATCH', '/v1/tenant', {
      key: b.key,
      body: { defaultEgressPoolId: shared },
    });
    t.is(allowed.status, 200);

    const byAdmin = await api.request('POST', '/v1/tenants', {
      body: { name: 'C', defaultEgressPoolId: shared },
    });
    t.is(byAdmin.status, 201);
    t.is(byAdmin.body.defaultEgressPoolId, shared);
    const unknown = await api.request('PATCH', `/v1/tenants/${a.tenantId}`, {
      body: { defaultEgressPoolId: 'pool_01JB9W1B3D5F7H9K1M3P5R7T9V' },
    });
    t.is(unknown.status, 404);
    t.is(unknown.body.code, 'CARAVAN_EGRESS_POOL_NOT_FOUND');

    const tenantOnAdmin = await api.request('GET', `/v1/egress-pools/${forA}`, { key: a.key });
    t.is(tenantOnAdmin.status, 404);
    t.is(tenantOnAdmin.body.code, 'CARAVAN_NOT_FOUND');
    const tenantCreates = await api.request('POST', '/v1/egress-pools', { key: a.key, body: bindPool() });
    t.is(tenantCreates.status, 404);
    const adminOnTenant = await api.request('GET', '/v1/tenant/egress-pools');
    t.is(adminOnTenant.status, 403);
  },
);

eachBackend(
  test,
  'egress pools › a pool in use cannot be deleted or taken away from its users',
  async (t, api) => {
    const a = await createTenantWithKey(api, 'A');
    const b = await createTenantWithKey(api, 'B');
    const pool = await createPool(api, bindPool([a.tenantId, b.tenantId]));
    await api.request('PATCH', '/v1/tenant', { key: a.key, body: { defaultEgressPoolId: pool } });
    await insertEndpointUsing(api, b.tenantId, pool);

    const del = await api.request('DELETE', `/v1/egress-pools/${pool}`);
    t.is(del.status, 409);
    t.is(del.body.code, 'CARAVAN_EGRESS_POOL_IN_USE');
    const dropA = await api.request('PATCH', `/v1/egress-pools/${pool}`, {
      body: { allowedTenantIds: [b.tenantId] },
    });
    t.is(dropA.status, 409, 'A has it as default');
    t.is(dropA.body.code, 'CARAVAN_EGRESS_POOL_IN_USE');
    const dropB = await api.request('PATCH', `/v1/egress-pools/${pool}`, {
      body: { allowedTenantIds: [a.tenantId] },
    });
    t.is(dropB.status, 409, 'B has an endpoint on it');
    t.deepEqual(
      (await api.request('GET', `/v1/egress-pools/${pool}`)).body.allowedTenantIds.sort(),
      [a.tenantId, b.tenantId].sort(),
      'a refused update changes nothing',
    );

    const openToAll = await api.request('PATCH', `/v1/egress-pools/${pool}`, {
      body: { allowAllTenants: true, allowedTenantIds: [] },
    });
    t.is(openToAll.status, 200, 'opening the pool to everyone takes it from no one');
    const closeAgain = await api.request('PATCH', `/v1/egress-pools/${pool}`, {
      body: { allowAllTenants: false },
    });
    t.is(closeAgain.status, 409, 'closing it takes it away from A and B');

    await api.request('PATCH', '/v1/tenant', { key: a.key, body: { defaultEgressPoolId: null } });
    await api.db('endpoints').where({ tenant_id: b.tenantId }).delete();
    const closed = await api.request('PATCH', `/v1/egress-pools/${pool}`, {
      body: { allowAllTenants: false },
    });
    t.is(closed.status, 200);
    t.is((await api.request('DELETE', `/v1/egress-pools/${pool}`)).status, 204);
    t.deepEqual((await api.request('GET', '/v1/tenant/egress-pools', { key: a.key })).body.data, []);
  },
);

eachBackend(
  test,
  'egress pools › deleting a tenant removes it from the pools it was allowed',
  async (t, api) => {
    const a = await createTenantWithKey(api, 'A');
    const b = await createTenantWithKey(api, 'B');
    const pool = await createPool(api, bindPool([a.tenantId, b.tenantId]));
    t.is((await api.request('DELETE', `/v1/tenants/${a.tenantId}`)).status, 204);
    const got = await api.request('GET', `/v1/egress-pools/${pool}`);
    t.deepEqual(got.body.allowedTenantIds, [b.tenantId]);
  },
);
