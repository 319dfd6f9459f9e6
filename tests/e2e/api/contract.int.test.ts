import test from 'ava';
import { insertDeliveryRow, insertEndpointRow } from '@caravan/testing';
import { handlers } from '../../../api/src/operations/handlers.js';
import { loadContract } from '../../../api/src/server/loadContract.js';
import { ApiHarness, createTenantWithKey } from '../../support/apiHarness.js';

interface Operation {
  method: string;
  path: string;
  operationId: string;
  audience: 'admin' | 'tenant';
  example: unknown;
  hasBody: boolean;
}

const document = loadContract().document as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
};

const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
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
        audience: op['x-caravan-auth'] as 'admin' | 'tenant',
        example: media?.example,
        hasBody: media !== undefined,
      };
    }),
);

test('contract › every operation in the spec has a handler', (t) => {
  const missing = operations.map((o) => o.operationId).filter((id) => !(id in handlers));
  t.deepEqual(missing, [], `operations without a handler: ${missing.join(', ')}`);
});

test('contract › without a key every operation answers 401', async (t) => {
  const api = await ApiHarness.start('sqlite');
  t.teardown(() => api.close());
  for (const op of operations) {
    const path = op.path.replace(/\{[^}]+\}/g, 'x_probe');
    const res = await api.request(op.method, path, {
      key: null,
      ...(op.hasBody ? { body: op.example ?? {} } : {}),
    });
    t.is(res.status, 401, `${op.operationId} ${op.method} ${path}`);
  }
});

test("isolation › a second tenant's key never reaches the first tenant's resources", async (t) => {
  const api = await ApiHarness.start('sqlite');
  t.teardown(() => api.close());
  const a = await createTenantWithKey(api, 'A');
  const b = await createTenantWithKey(api, 'B');
  const endpointId = await insertEndpointRow(api.db, a.tenantId);
  const { deliveryId, eventId } = await insertDeliveryRow(api.db, { tenantId: a.tenantId, endpointId });
  const eventType = await api.request('POST', '/v1/event-types', {
    key: a.key,
    body: { name: 'acme.private_type' },
  });
  const job = await api.request('POST', '/v1/deliveries/bulk-retry', {
    key: a.key,
    body: { since: '2026-01-01T00:00:00.000Z' },
  });
  const pool = await api.request('POST', '/v1/egress-pools', {
    body: {
      name: 'pool-a',
      mode: 'bind',
      addresses: ['127.0.0.2'],
      publicIps: ['203.0.113.10'],
      allowedTenantIds: [a.tenantId],
    },
  });
  const ids: Record<string, string> = {
    tenantId: a.tenantId,
    keyId: a.keyId,
    endpointId,
    eventId,
    deliveryId,
    jobId: job.body.id,
    eventTypeName: eventType.body.name,
    poolId: pool.body?.id ?? 'pool_01JB9Y2M4T8K3Q7V5X1Z6C9D0E',
    sourceId: 'src_01JB9Y2M4T8K3Q7V5X1Z6C9D0E',
    deadLetterId: 'dl_01JB9Y2M4T8K3Q7V5X1Z6C9D0E',
    sourceTypeId: 'aws-sqs',
  };
  const secretsOfA = [a.tenantId, a.keyId, endpointId, eventId, deliveryId, job.body.id];

  for (const op of operations) {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => ids[name] ?? 'x');
    const res = await api.request(op.method, path, {
      key: b.key,
      ...(op.hasBody ? { body: op.example ?? {} } : {}),
    });
    const where = `${op.operationId} ${op.method} ${path} → ${res.status}`;
    if (op.audience === 'admin') {
      t.is(res.status, 404, where);
    } else if (/\{(?!sourceTypeId)[^}]+\}/.test(op.path)) {
      t.is(res.status, 404, where);
    } else {
      t.true(res.status < 500, where);
      const text = JSON.stringify(res.body ?? '');
      for (const id of secretsOfA) t.false(text.includes(id), `${where} shows ${id}`);
    }
  }
});
