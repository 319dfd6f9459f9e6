import { randomBytes } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { pino } from 'pino';
import { startConnectProxy, waitFor } from '@caravan/testing';
import {
  attemptRows,
  deliveryRow,
  openDispatchBacking,
  seedDelivery,
  seedEndpoint,
  seedTenant,
  startReceiver,
  testKeyRing,
  type DispatchBackend,
} from '../../../../tests/support/dispatching.js';
import { systemClock } from '../../domain/Clock.js';
import { newId } from '../../domain/ids.js';
import { encodeRecord } from '../../domain/pipelineRecords.js';
import { KnexDispatchRepository } from '../../storage/knex/KnexDispatchRepository.js';
import { KnexEgressPoolRepository } from '../../storage/knex/KnexEgressPoolRepository.js';
import { KnexEndpointRepository } from '../../storage/knex/KnexEndpointRepository.js';
import { KnexTenantRepository } from '../../storage/knex/KnexTenantRepository.js';
import { createDispatcher } from '../Dispatcher.js';
import { EndpointCache, loadFromRepository } from '../EndpointCache.js';
import { HttpSender } from '../HttpSender.js';
import { EgressRouter } from './EgressRouter.js';

const logger = pino({ level: 'silent' });

/**
 * The dispatcher as `caravan worker` wires it: endpoints and pools in the database, each delivery sent
 * through the endpoint's pool (or the tenant's default), the address used stored on the attempt.
 */
async function run(t: ExecutionContext, backend: DispatchBackend) {
  const backing = await openDispatchBacking(backend);
  const keyRing = testKeyRing();
  const clock = systemClock;
  const sender = new HttpSender({ allowedCidrs: ['127.0.0.0/8'], clock });
  const tenants = new KnexTenantRepository({ db: backing.db });
  const pools = new KnexEgressPoolRepository({ db: backing.db });
  const router = new EgressRouter({
    pools,
    tenantDefaultPool: async (id) => (await tenants.get(id))?.defaultEgressPoolId ?? null,
    connect: sender.connectOptions(),
    clock,
    logger,
  });
  const dispatcher = createDispatcher({
    log: backing.log,
    deliveries: new KnexDispatchRepository({ db: backing.db }),
    endpoints: new EndpointCache({
      load: loadFromRepository({ endpoints: new KnexEndpointRepository({ db: backing.db }), keyRing }),
      clock,
    }),
    sender,
    egressFor: (endpoint) => router.routeFor(endpoint),
    clock,
    logger,
    userAgent: 'Caravan/0.0.0-test',
    groupId: `caravan-dispatcher-${randomBytes(4).toString('hex')}`,
    flushIntervalMs: 10,
  });
  const receiver = await startReceiver();
  const proxy = await startConnectProxy({ localAddress: '127.0.0.3' });
  t.teardown(async () => {
    await dispatcher.stop({ graceMs: 0 });
    await Promise.all([router.close(), sender.close(), receiver.close(), proxy.close()]);
    await backing.cleanup();
  });

  const tenantId = await seedTenant(backing.db);
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
  await backing.db('tenants').where({ id: tenantId }).update({ default_egress_pool_id: proxyPool });
  const own = await seedEndpoint(backing.db, keyRing, tenantId, { url: receiver.url });
  await backing.db('endpoints').where({ id: own.id }).update({ egress_pool_id: bindPool });
  const byDefault = await seedEndpoint(backing.db, keyRing, tenantId, { url: receiver.url });

  const viaBind = await seedDelivery(backing.db, { tenantId, endpointId: own.id });
  const viaProxy = await seedDelivery(backing.db, { tenantId, endpointId: byDefault.id });
  await dispatcher.start();
  await backing.log.append(
    'deliveries',
    [viaBind, viaProxy].map((r) => ({ key: r.endpointId, value: encodeRecord(r) })),
  );
  for (const r of [viaBind, viaProxy]) {
    await waitFor(
      async () => (await deliveryRow(backing.db, r.deliveryId)).status === 'succeeded',
      `delivery ${r.deliveryId}`,
    );
  }
  const [bindAttempt] = await attemptRows(backing.db, viaBind.deliveryId);
  const [proxyAttempt] = await attemptRows(backing.db, viaProxy.deliveryId);
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
