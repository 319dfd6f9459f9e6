import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { startConnectProxy, waitFor } from '@caravan/testing';
import { startCaravanServer } from '../support/caravanProcess.js';
import { caravanClient } from '../support/caravanClient.js';
import { startReceiver } from '../support/dispatching.js';

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
  const admin = caravanClient(server.url, /admin key: (\S+)/.exec(server.output())![1]!);
  const receiver = await startReceiver();
  const proxy = await startConnectProxy({ localAddress: '127.0.0.3' });
  t.teardown(() => Promise.all([receiver.close(), proxy.close()]).then(() => undefined));

  const tenant = await admin.tenants.create({ name: 'Egress' });
  const { key } = await admin.apiKeys.create(tenant.id, {});
  const api = caravanClient(server.url, key);
  const bind = await admin.egressPools.create({
    name: 'static',
    mode: 'bind',
    addresses: ['127.0.0.2', '127.0.0.3'],
    publicIps: ['203.0.113.2', '203.0.113.3'],
    allowedTenantIds: [tenant.id],
  });
  const viaProxy = await admin.egressPools.create({
    name: 'proxies',
    mode: 'proxy',
    addresses: [proxy.url],
    publicIps: ['203.0.113.9'],
    allowAllTenants: true,
  });
  const pools = await api.tenant.listEgressPools();
  t.deepEqual(pools.data.map((p) => p.id).sort(), [bind.id, viaProxy.id].sort());

  const own = await api.endpoints.create({
    url: `${receiver.url}?own`,
    egressPoolId: bind.id,
    eventTypes: ['bind.*'],
  });
  const tenantDefault = await api.tenant.update({ defaultEgressPoolId: viaProxy.id });
  t.is(tenantDefault.defaultEgressPoolId, viaProxy.id);
  const byDefault = await api.endpoints.create({ url: `${receiver.url}?default`, eventTypes: ['proxy.*'] });

  const send = async (eventType: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push((await api.events.send({ eventType, payload: { i } })).id);
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
    let addresses: (string | null)[] = [];
    await waitFor(async () => {
      const list = await api.deliveries.list({ endpointId, status: 'succeeded', limit: 20 });
      if (list.data.length < count) return false;
      addresses = [];
      for (const d of list.data) {
        const attempts = await api.deliveries.listAttempts(d.id);
        addresses.push(...attempts.data.map((x) => x.egressAddress));
      }
      return addresses.length >= count;
    }, `${count} recorded attempts`);
    return addresses;
  };
  t.deepEqual(await egressAddresses(byDefault.id, 2), Array(2).fill(`http://***@127.0.0.1:${proxy.port}`));
  t.deepEqual([...new Set(await egressAddresses(own.id, 4))].sort(), ['127.0.0.2', '127.0.0.3']);

  // The operator takes 127.0.0.2 out of the pool: within seconds, nothing leaves from it.
  const updated = await admin.egressPools.update(bind.id, { addresses: ['127.0.0.3'] });
  t.deepEqual(updated.addresses, ['127.0.0.3']);
  await waitFor(
    async () => (await send('bind.test', 2)).every((r) => r.remoteAddress === '127.0.0.3'),
    'deliveries to leave from 127.0.0.3 only',
    30_000,
  );
  t.is(await server.stop('SIGINT'), 0, 'stops cleanly');
});
