import test from 'ava';
import {
  openDispatchBacking,
  seedDelivery,
  seedEndpoint,
  seedTenant,
  testKeyRing,
} from '../../../../tests/support/dispatching.js';
import { outcomeOfAttempt } from '../../dispatcher/deliveryOutcome.js';
import type { SendResult } from '../../dispatcher/WebhookSender.js';
import { KnexDispatchRepository } from './KnexDispatchRepository.js';

const failure = (startedAt: number): SendResult => ({
  startedAt,
  durationMs: 5,
  statusCode: 500,
  responseHeaders: {},
  responseBodyExcerpt: null,
  error: { code: 'non_2xx_status', message: 'HTTP 500' },
  egressAddress: null,
});

for (const backend of ['sqlite', 'mariadb'] as const) {
  test(`[${backend}] KnexDispatchRepository › delivery.exhausted is stored once, for the write that applied`, async (t) => {
    const backing = await openDispatchBacking(backend);
    t.teardown(() => backing.cleanup());
    const { db } = backing;
    const tenantId = await seedTenant(db);
    const ep = await seedEndpoint(db, testKeyRing(), tenantId, { url: 'http://127.0.0.1:9/hook' });
    const record = await seedDelivery(db, {
      tenantId,
      endpointId: ep.id,
      status: 'retrying',
      attemptCount: 2,
    });
    const state = { id: record.deliveryId, tenantId, status: 'retrying' as const, attemptCount: 2 };
    const endpoint = { url: 'http://127.0.0.1:9/hook', retrySchedule: [1], ownerId: 'cus_1' };
    const now = Date.now();
    const decide = (startedAt: number) =>
      outcomeOfAttempt({ state, record, endpoint, requestHeaders: {}, result: failure(startedAt), now });
    const won = decide(now);
    const lost = decide(now + 1);
    t.is(won.status, 'failed');

    const repository = new KnexDispatchRepository({ db });
    await repository.write([won]);
    await repository.write([lost]);
    await repository.write([won]);

    const events = (await db('operational_events').where({ tenant_id: tenantId })) as {
      id: string;
      type: string;
      data: string;
    }[];
    t.deepEqual(
      events.map((e) => ({ id: e.id, type: e.type, data: JSON.parse(e.data) as unknown })),
      [
        {
          id: won.operationalEvent!.id,
          type: 'delivery.exhausted',
          data: {
            deliveryId: record.deliveryId,
            eventId: record.eventId,
            eventType: record.eventType,
            endpointId: ep.id,
            ownerId: 'cus_1',
            attemptCount: 3,
            lastStatusCode: 500,
            lastError: { code: 'non_2xx_status', message: 'HTTP 500' },
          },
        },
      ],
    );
  });
}
