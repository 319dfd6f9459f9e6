import test from 'ava';
import {
  countingAttempts,
  createLogger,
  KnexDispatchRepository,
  KnexTenantStatsStore,
  ManualClock,
  newId,
} from '@caravan/core';
import { waitFor } from '@caravan/testing';
import { ApiHarness, createTenantWithKey } from '../../support/apiHarness.js';

const t0 = Date.UTC(2026, 0, 1, 12, 0);

for (const backend of ['sqlite', 'mysql'] as const) {
  test.serial(
    `[${backend}] tenant stats › counts the events the router stores by minute, and attempts by outcome; another tenant sees none`,
    async (t) => {
      const clock = new ManualClock(t0);
      const api = await ApiHarness.start(backend, { clock, router: true });
      t.teardown(() => api.close());
      const acme = await createTenantWithKey(api, 'Acme');
      const globex = await createTenantWithKey(api, 'Globex');
      for (const [minute, count] of [
        [0, 2],
        [2, 3],
      ] as const) {
        clock.set(t0 + minute * 60_000 + 5_000);
        for (let i = 0; i < count; i++) {
          const sent = await api.request('POST', '/v1/events', {
            key: acme.key,
            body: { eventType: 'invoice.paid', payload: { i } },
          });
          t.is(sent.status, 202);
        }
      }
      // The same event sent again (idempotency key) is counted once.
      for (let i = 0; i < 2; i++) {
        await api.request('POST', '/v1/events', {
          key: acme.key,
          body: { eventType: 'invoice.paid', payload: {}, idempotencyKey: 'once' },
        });
      }

      // Attempts as the dispatcher records them: through the counting dispatch repository.
      const dispatch = countingAttempts(
        new KnexDispatchRepository({ db: api.db }),
        new KnexTenantStatsStore({ db: api.db }),
        createLogger({ level: 'silent', name: 'test' }),
      );
      const endpointId = newId('ep', t0);
      await dispatch.write(
        [200, 204, 500].map((statusCode, i) => ({
          deliveryId: newId('dlv', t0 + i),
          tenantId: acme.tenantId,
          endpointId,
          basedOnAttemptCount: 0,
          status: statusCode < 300 ? ('succeeded' as const) : ('retrying' as const),
          nextAttemptAt: null,
          updatedAt: t0 + 60_000,
          attempt: {
            id: newId('att', t0 + i),
            tenantId: acme.tenantId,
            deliveryId: newId('dlv', t0 + i),
            endpointId,
            attemptNumber: 1,
            trigger: 'scheduled' as const,
            url: 'http://127.0.0.1:1/hook',
            startedAt: t0 + 60_000 + i,
            durationMs: 3,
            statusCode,
            errorCode: null,
            errorMessage: null,
            requestHeaders: {},
            responseHeaders: {},
            responseBodyExcerpt: null,
            egressAddress: null,
          },
        })),
      );

      const query = 'since=2026-01-01T12:00:00.000Z&until=2026-01-01T12:04:00.000Z';
      let stats: any;
      await waitFor(async () => {
        stats = (await api.request('GET', `/v1/tenant/stats?${query}`, { key: acme.key })).body;
        return stats.data.reduce((n: number, b: { events: number }) => n + b.events, 0) === 6;
      }, 'the events to be counted');
      t.is(stats.bucketSeconds, 60);
      t.deepEqual(
        stats.data.map((b: any) => [b.at, b.events, b.attemptsSucceeded, b.attemptsFailed]),
        [
          ['2026-01-01T12:00:00.000Z', 2, 0, 0],
          ['2026-01-01T12:01:00.000Z', 0, 2, 1],
          ['2026-01-01T12:02:00.000Z', 4, 0, 0],
          ['2026-01-01T12:03:00.000Z', 0, 0, 0],
        ],
      );

      const hourly = await api.request('GET', `/v1/tenant/stats?${query}&bucketSeconds=3600`, {
        key: acme.key,
      });
      t.deepEqual(hourly.body.data, [
        { at: '2026-01-01T12:00:00.000Z', events: 6, attemptsSucceeded: 2, attemptsFailed: 1 },
      ]);

      const other = await api.request('GET', `/v1/tenant/stats?${query}`, { key: globex.key });
      t.true(other.body.data.every((b: any) => b.events === 0 && b.attemptsSucceeded === 0));

      const tooFine = await api.request('GET', '/v1/tenant/stats?since=2025-12-25T00:00:00.000Z', {
        key: acme.key,
      });
      t.is(tooFine.status, 400);
      t.is(tooFine.body.errors[0].field, '/query/bucketSeconds');
    },
  );
}
