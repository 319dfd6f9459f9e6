import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { startCaravanServer } from '../support/caravanProcess.js';
import { startConnectProxy } from '@caravan/testing';
import { startReceiver, waitFor } from '../support/dispatching.js';

type Call = (
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) => Promise<{ status: number; body: any }>;

function client(url: string, adminKey: string): Call {
  return async (method, path, body, key = adminKey) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * What an operator and a tenant do on `caravan dev`: the operator defines a `bind` pool and a `proxy`
 * pool; the tenant sends one endpoint through the bind pool and makes the proxy pool its default. The
 * receiver sees the requests come from the pool's addresses, the API shows the address of each
 * attempt, and a pool change reaches deliveries within seconds.
 */
test('egress › on caravan dev, deliveries leave from the pool the endpoint or the tenant chose', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caravan-egress-'));
  const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
  t.teardown(() => server.stop('SIGKILL'));
  const call = client(server.url, /admin key: (\S+)/.exec(server.output())![1]!);
  const receiver = await startReceiver();
  const proxy = await startConnectProxy({ localAddress: '127.0.0.3' });
  t.teardown(() => Promise.all([receiver.close(), proxy.close()]).then(() => undefined));

  const tenant = await call('POST', '/v1/tenants', { name: 'Egress' });
  const key = (await call('POST', `/v1/tenants/${tenant.body.id}/api-keys`, {})).body.key as string;
  const bind = await call('POST', '/v1/egress-pools', {
    name: 'static',
    mode: 'bind',
    addresses: ['127.0.0.2', '127.0.0.3'],
    publicIps: ['203.0.113.2', '203.0.113.3'],
    allowedTenantIds: [tenant.body.id],
  });
  t.is(bind.status, 201, JSON.stringify(bind.body));
  const viaProxy = await call('POST', '/v1/egress-pools', {
    name: 'proxies',
    mode: 'proxy',
    addresses: [proxy.url],
    publicIps: ['203.0.113.9'],
    allowAllTenants: true,
  });
  t.is(viaProxy.status, 201, JSON.stringify(viaProxy.body));
  const pools = await call('GET', '/v1/tenant/egress-pools', undefined, key);
  t.deepEqual(
    pools.body.data.map((p: { id: string }) => p.id).sort(),
    [bind.body.id, viaProxy.body.id].sort(),
  );

  const own = await call(
    'POST',
    '/v1/endpoints',
    { url: `${receiver.url}?own`, egressPoolId: bind.body.id, eventTypes: ['bind.*'] },
    key,
  );
  t.is(own.status, 201, JSON.stringify(own.body));
  const tenantDefault = await call('PATCH', '/v1/tenant', { defaultEgressPoolId: viaProxy.body.id }, key);
  t.is(tenantDefault.status, 200, JSON.stringify(tenantDefault.body));
  const byDefault = await call(
    'POST',
    '/v1/endpoints',
    { url: `${receiver.url}?default`, eventTypes: ['proxy.*'] },
    key,
  );
  t.is(byDefault.status, 201);

  const send = async (eventType: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await call('POST', '/v1/events', { eventType, payload: { i } }, key);
      t.is(res.status, 202);
      ids.push(res.body.id as string);
    }
    await waitFor(
      () => ids.every((id) => receiver.received.some((r) => r.headers['webhook-id'] === id)),
      `${n} ${eventType} events at the receiver`,
      60_000,
    );
    return ids.map((id) => receiver.received.find((r) => r.headers['webhook-id'] === id)!);
  };

  const bound = await send('bind.test', 4);
  t.deepEqual([...new Set(bound.map((r) => r.remoteAddress))].sort(), ['127.0.0.2', '127.0.0.3']);
  t.true(bound.every((r) => r.url === '/hook?own'));
  const proxied = await send('proxy.test', 2);
  t.true(proxied.every((r) => r.remoteAddress === '127.0.0.3' && r.url === '/hook?default'));
  t.true(proxy.tunnels.length >= 1);

  // The API shows the address each attempt used; proxy credentials are masked.
  const egressAddresses = async (endpointId: string, count: number) => {
    let addresses: string[] = [];
    await waitFor(async () => {
      const list = await call(
        'GET',
        `/v1/deliveries?endpointId=${endpointId}&status=succeeded&limit=20`,
        undefined,
        key,
      );
      if (list.body.data.length < count) return false;
      addresses = [];
      for (const d of list.body.data as { id: string }[]) {
        const a = await call('GET', `/v1/deliveries/${d.id}/attempts`, undefined, key);
        addresses.push(...(a.body.data as { egressAddress: string }[]).map((x) => x.egressAddress));
      }
      return addresses.length >= count;
    }, `${count} recorded attempts`);
    return addresses;
  };
  t.deepEqual(
    await egressAddresses(byDefault.body.id, 2),
    Array(2).fill(`http://***@127.0.0.1:${proxy.port}`),
  );
  t.deepEqual([...new Set(await egressAddresses(own.body.id, 4))].sort(), ['127.0.0.2', '127.0.0.3']);

  // The operator takes 127.0.0.2 out of the pool: within seconds, nothing leaves from it.
  const updated = await call('PATCH', `/v1/egress-pools/${bind.body.id}`, { addresses: ['127.0.0.3'] });
  t.is(updated.status, 200, JSON.stringify(updated.body));
  await waitFor(
    async () => (await send('bind.test', 2)).every((r) => r.remoteAddress === '127.0.0.3'),
    'deliveries to leave from 127.0.0.3 only',
    30_000,
  );
  t.is(await server.stop('SIGINT'), 0, 'stops cleanly');
});
