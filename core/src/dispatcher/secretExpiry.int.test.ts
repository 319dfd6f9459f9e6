import { randomBytes } from 'node:crypto';
import test from 'ava';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import {
  deliveryRow,
  openDispatchBacking,
  seedDelivery,
  seedEndpoint,
  seedTenant,
  startReceiver,
  testKeyRing,
  waitFor,
  type DispatchBackend,
} from '../../../tests/support/dispatching.js';
import { generateHmacSecret } from '../crypto/webhookSecrets.js';
import { ManualClock } from '../domain/Clock.js';
import { encodeRecord } from '../domain/pipelineRecords.js';
import { KnexDispatchRepository } from '../storage/knex/KnexDispatchRepository.js';
import { KnexEndpointRepository } from '../storage/knex/KnexEndpointRepository.js';
import { createDispatcher } from './Dispatcher.js';
import { EndpointCache, loadFromRepository } from './EndpointCache.js';
import { HttpSender } from './HttpSender.js';

const logger = pino({ level: 'silent' });

for (const backend of ['sqlite', 'mariadb'] as DispatchBackend[]) {
  test(`[${backend}] rotation › a previous secret signs until the last millisecond of its grace period, not at its end`, async (t) => {
    const backing = await openDispatchBacking(backend);
    const keyRing = testKeyRing();
    const clock = new ManualClock(Date.now());
    const sender = new HttpSender({ allowedCidrs: ['127.0.0.0/8'], clock });
    const receiver = await startReceiver();
    // The default cache TTL: a target loaded while the old secret was live must not stretch its life.
    const dispatcher = createDispatcher({
      log: backing.log,
      deliveries: new KnexDispatchRepository({ db: backing.db }),
      endpoints: new EndpointCache({
        load: loadFromRepository({ endpoints: new KnexEndpointRepository({ db: backing.db }), keyRing }),
        clock,
      }),
      sender,
      clock,
      logger,
      userAgent: 'Caravan/0.0.0-test',
      groupId: `caravan-dispatcher-${randomBytes(4).toString('hex')}`,
      flushIntervalMs: 10,
    });
    t.teardown(async () => {
      await dispatcher.stop({ graceMs: 0 });
      await Promise.all([sender.close(), receiver.close()]);
      await backing.cleanup();
    });
    const tenantId = await seedTenant(backing.db);
    const [current, previous] = [generateHmacSecret(), generateHmacSecret()];
    const ep = await seedEndpoint(backing.db, keyRing, tenantId, {
      url: receiver.url,
      secrets: [current, previous],
    });
    const expiresAt = clock.now() + 60_000;
    await backing.db('endpoint_secrets').where({ endpoint_id: ep.id }).whereNotNull('expires_at').update({
      expires_at: expiresAt,
    });
    await dispatcher.start();

    const deliverAt = async (now: number) => {
      clock.set(now);
      const record = await seedDelivery(backing.db, { tenantId, endpointId: ep.id });
      await backing.log.append('deliveries', [{ key: ep.id, value: encodeRecord(record) }]);
      await waitFor(
        async () => (await deliveryRow(backing.db, record.deliveryId)).status === 'succeeded',
        `delivery at ${now}`,
      );
      const req = receiver.received.find((r) => r.headers['webhook-id'] === record.eventId)!;
      const signs = (secret: string) => {
        try {
          new Webhook(secret).verify(req.body, req.headers);
          return true;
        } catch {
          return false;
        }
      };
      return { count: req.headers['webhook-signature']!.split(' ').length, signs };
    };

    const during = await deliverAt(expiresAt - 1);
    t.is(during.count, 2);
    t.true(during.signs(previous), 'one millisecond before the end: the previous secret still signs');
    t.true(during.signs(current));
    const atEnd = await deliverAt(expiresAt);
    t.is(atEnd.count, 1);
    t.false(atEnd.signs(previous), 'at the end of the grace period: it no longer signs');
    t.true(atEnd.signs(current));
  });
}
