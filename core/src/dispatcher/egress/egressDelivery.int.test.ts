import test, { type ExecutionContext } from 'ava';
import { startConnectProxy } from '@caravan/testing';
import {
  attemptRows,
  seedDelivery,
  startTestDispatcher,
  type DispatchBackend,
} from '../../../../tests/support/dispatching.js';
import { systemClock } from '../../domain/Clock.js';
import { newId } from '../../domain/ids.js';

/**
 * The dispatcher as `caravan worker` wires it: endpoints and pools in the database, each delivery sent
 * through the endpoint's pool (or the tenant's default), the address used stored on the attempt.
 */
async function run(t: ExecutionContext, backend: DispatchBackend) {
  const h = await startTestDispatcher(t, backend, { clock: systemClock, egress: true });
  const pools = h.storage.egressPools;
  const receiver = await h.receiver();
  const proxy = await startConnectProxy({ localAddress: '127.0.0.3' });
  t.teardown(() => proxy.close());

  const tenantId = h.tenantId;
  const pool = async (mode: 'bind' | 'proxy', addresses: string[]) => {
    const id = newId('pool');
    const now = Date.now();
    await pools.insert({
      id,
      name: id,
      mode,
      addresses,
      publicIps: ['203.0.113.7'],
      allowAllTenants: false,
      allowedTenantIds: [tenantId],
      createdAt: now,
      updatedAt: now,
    });
    return id;
  };
  const bindPool = await pool('bind', ['127.0.0.2']);
  const proxyPool = await pool('proxy', [proxy.url]);
  await h.db('tenants').where({ id: tenantId }).update({ default_egress_pool_id: proxyPool });
  const own = await h.endpoint({ url: receiver.url });
  await h.db('endpoints').where({ id: own.id }).update({ egress_pool_id: bindPool });
  const byDefault = await h.endpoint({ url: receiver.url });

  const viaBind = await seedDelivery(h.db, { tenantId, endpointId: own.id });
  const viaProxy = await seedDelivery(h.db, { tenantId, endpointId: byDefault.id });
  await h.append(viaBind, viaProxy);
  for (const r of [viaBind, viaProxy]) await h.waitForStatus(r.deliveryId, 'succeeded');
  const [bindAttempt] = await attemptRows(h.db, viaBind.deliveryId);
  const [proxyAttempt] = await attemptRows(h.db, viaProxy.deliveryId);
  t.is(bindAttempt?.egress_address, '127.0.0.2');
  t.is(proxyAttempt?.egress_address, `http://***@127.0.0.1:${proxy.port}`);
  const from = (eventId: string) =>
    receiver.received.find((q) => q.headers['webhook-id'] === eventId)?.remoteAddress;
  t.is(from(viaBind.eventId), '127.0.0.2');
  t.is(from(viaProxy.eventId), '127.0.0.3');
  t.is(proxy.tunnels.length, 1);
}

for (const backend of ['sqlite', 'mariadb'] as const) {
  test(`[${backend}] egress › deliveries leave through the endpoint's pool or the tenant's default, and attempts record the address`, (t) =>
    run(t, backend));
}
