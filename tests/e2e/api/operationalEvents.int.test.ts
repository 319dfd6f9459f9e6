import test from 'ava';
import { newId, type OperationalEvent } from '@caravan/core';
import { createTenantWithKey, eachBackend } from '../../support/apiHarness.js';

const t0 = Date.parse('2026-03-01T12:00:00.000Z');

// Older versions stored `nextProbeAt` and `failingSince` as epoch milliseconds; the contract says
// date-time. `api.request` validates each listed event against the contract.
eachBackend(
  test,
  'operational events › listed events carry ISO 8601 timestamps, also those stored as epoch numbers',
  async (t, api) => {
    const { tenantId, key } = await createTenantWithKey(api);
    const endpointId = newId('ep', t0);
    const stored: OperationalEvent[] = [
      {
        id: newId('oev', t0),
        tenantId,
        type: 'endpoint.breaker_opened',
        createdAt: t0,
        data: { endpointId, ownerId: null, nextProbeAt: t0 + 30_000, lastError: null },
      },
      {
        id: newId('oev', t0 + 1),
        tenantId,
        type: 'endpoint.recovered',
        createdAt: t0 + 1,
        data: { endpointId, ownerId: 'cus_1', failingSince: t0 - 60_000 },
      },
      {
        id: newId('oev', t0 + 2),
        tenantId,
        type: 'endpoint.disabled',
        createdAt: t0 + 2,
        data: {
          endpointId,
          ownerId: null,
          reason: 'continuous_failure',
          failingSince: t0 - 120_000,
          lastError: { code: 'non_2xx_status', message: 'HTTP 500' },
        },
      },
      {
        id: newId('oev', t0 + 3),
        tenantId,
        type: 'endpoint.breaker_opened',
        createdAt: t0 + 3,
        data: { endpointId, ownerId: null, nextProbeAt: '2026-03-01T12:01:00.000Z', lastError: null },
      },
    ];
    await api.db('operational_events').insert(
      stored.map((e) => ({
        id: e.id,
        tenant_id: e.tenantId,
        type: e.type,
        data: JSON.stringify(e.data),
        created_at: e.createdAt,
      })),
    );

    const listed = await api.request('GET', '/v1/operational-events', { key });
    t.is(listed.status, 200);
    t.deepEqual(
      listed.body.data.map((e: { type: string; createdAt: string; data: Record<string, unknown> }) => [
        e.type,
        e.createdAt,
        e.data.nextProbeAt ?? e.data.failingSince,
      ]),
      [
        ['endpoint.breaker_opened', '2026-03-01T12:00:00.003Z', '2026-03-01T12:01:00.000Z'],
        ['endpoint.disabled', '2026-03-01T12:00:00.002Z', '2026-03-01T11:58:00.000Z'],
        ['endpoint.recovered', '2026-03-01T12:00:00.001Z', '2026-03-01T11:59:00.000Z'],
        ['endpoint.breaker_opened', '2026-03-01T12:00:00.000Z', '2026-03-01T12:00:30.000Z'],
      ],
    );
  },
);
