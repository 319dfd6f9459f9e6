import test from 'ava';
import { ManualClock } from '@caravan/core';
import { createTenantWithKey, eachBackend } from '../../support/apiHarness.js';

const invoicePaid = {
  name: 'invoice.paid',
  description: 'An invoice was paid in full.',
  schema: {
    type: 'object',
    required: ['invoiceId', 'amount'],
    properties: { invoiceId: { type: 'string' }, amount: { type: 'integer', minimum: 0 } },
  },
};

eachBackend(
  test,
  'event types › a tenant registers, reads, lists by name, updates and deletes an event type',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const created = await api.request('POST', '/v1/event-types', { key, body: invoicePaid });
    t.is(created.status, 201);
    t.deepEqual(created.body, {
      ...invoicePaid,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });

    const got = await api.request('GET', '/v1/event-types/invoice.paid', { key });
    t.is(got.status, 200);
    t.deepEqual(got.body, created.body);

    await api.request('POST', '/v1/event-types', { key, body: { name: 'customer.updated' } });
    await api.request('POST', '/v1/event-types', { key, body: { name: 'account-closed' } });
    const first = await api.request('GET', '/v1/event-types?limit=2', { key });
    t.deepEqual(
      first.body.data.map((e: { name: string }) => e.name),
      ['account-closed', 'customer.updated'],
      'ordered by name',
    );
    t.is(first.body.data[1].schema, null);
    t.is(first.body.data[1].description, null);
    const second = await api.request('GET', `/v1/event-types?limit=2&cursor=${first.body.nextCursor}`, {
      key,
    });
    t.deepEqual(
      second.body.data.map((e: { name: string }) => e.name),
      ['invoice.paid'],
    );
    t.is(second.body.nextCursor, null);

    const described = await api.request('PATCH', '/v1/event-types/invoice.paid', {
      key,
      body: { description: 'Paid in full or in part.' },
    });
    t.is(described.status, 200);
    t.is(described.body.description, 'Paid in full or in part.');
    t.deepEqual(described.body.schema, invoicePaid.schema, 'an omitted schema keeps its value');
    t.is(described.body.createdAt, created.body.createdAt);
    t.not(described.body.updatedAt, created.body.updatedAt);

    const cleared = await api.request('PATCH', '/v1/event-types/invoice.paid', {
      key,
      body: { schema: null, description: null },
    });
    t.is(cleared.body.schema, null);
    t.is(cleared.body.description, null);

    t.is((await api.request('DELETE', '/v1/event-types/invoice.paid', { key })).status, 204);
    const gone = await api.request('GET', '/v1/event-types/invoice.paid', { key });
    t.is(gone.status, 404);
    t.is(gone.body.code, 'CARAVAN_EVENT_TYPE_NOT_FOUND');
    t.is((await api.request('DELETE', '/v1/event-types/invoice.paid', { key })).status, 404);
  },
  { clock: () => new ManualClock(Date.UTC(2026, 0, 1)) },
);

eachBackend(test, 'event types › an invalid schema is refused naming where it is wrong', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const badType = await api.request('POST', '/v1/event-types', {
    key,
    body: { name: 'invoice.paid', schema: { type: 'object', properties: { amount: { type: 'integr' } } } },
  });
  t.is(badType.status, 400);
  t.is(badType.body.code, 'CARAVAN_VALIDATION_FAILED');
  t.is(badType.body.errors[0].field, '/body/schema/properties/amount/type');
  t.is(badType.body.errors[0].message, 'must be equal to one of the allowed values');

  const badRequired = await api.request('POST', '/v1/event-types', {
    key,
    body: { name: 'invoice.paid', schema: { type: 'object', required: 'amount' } },
  });
  t.deepEqual(badRequired.body.errors, [{ field: '/body/schema/required', message: 'must be array' }]);

  const remoteRef = await api.request('POST', '/v1/event-types', {
    key,
    body: { name: 'invoice.paid', schema: { $ref: 'https://schemas.example/invoice.json' } },
  });
  t.is(remoteRef.status, 400);
  t.is(remoteRef.body.errors[0].field, '/body/schema');

  const list = await api.request('GET', '/v1/event-types', { key });
  t.deepEqual(list.body.data, [], 'nothing was written');

  await api.request('POST', '/v1/event-types', { key, body: invoicePaid });
  const badUpdate = await api.request('PATCH', '/v1/event-types/invoice.paid', {
    key,
    body: { schema: { type: 'object', minProperties: -1 } },
  });
  t.is(badUpdate.status, 400);
  t.is(badUpdate.body.errors[0].field, '/body/schema/minProperties');
  const kept = await api.request('GET', '/v1/event-types/invoice.paid', { key });
  t.deepEqual(kept.body.schema, invoicePaid.schema, 'a refused update changes nothing');
});

eachBackend(test, 'event types › every other mistake names the field', async (t, api) => {
  const { key } = await createTenantWithKey(api);
  const badName = await api.request('POST', '/v1/event-types', { key, body: { name: 'invoice..paid' } });
  t.is(badName.status, 400);
  t.is(badName.body.errors[0].field, '/body/name');
  const tooLong = await api.request('POST', '/v1/event-types', { key, body: { name: 'a'.repeat(129) } });
  t.is(tooLong.body.errors[0].field, '/body/name');
  const unknown = await api.request('POST', '/v1/event-types', { key, body: { name: 'a', version: 2 } });
  t.deepEqual(unknown.body.errors, [{ field: '/body/version', message: 'is not a known field' }]);
  const notObject = await api.request('POST', '/v1/event-types', { key, body: { name: 'a', schema: true } });
  t.is(notObject.status, 400);
  t.is(notObject.body.errors[0].field, '/body/schema');

  t.is((await api.request('POST', '/v1/event-types', { key, body: { name: 'a' } })).status, 201);
  const dup = await api.request('POST', '/v1/event-types', { key, body: { name: 'a', description: 'x' } });
  t.is(dup.status, 409);
  t.is(dup.body.code, 'CARAVAN_EVENT_TYPE_EXISTS');

  const empty = await api.request('PATCH', '/v1/event-types/a', { key, body: {} });
  t.is(empty.status, 400);
  const rename = await api.request('PATCH', '/v1/event-types/a', { key, body: { name: 'b' } });
  t.deepEqual(rename.body.errors, [{ field: '/body/name', message: 'is not a known field' }]);
  const badPath = await api.request('GET', '/v1/event-types/no%20spaces', { key });
  t.is(badPath.status, 400);
  t.is(badPath.body.errors[0].field, '/path/eventTypeName');
  const badCursor = await api.request('GET', '/v1/event-types?cursor=nonsense', { key });
  t.is(badCursor.body.errors[0].field, '/query/cursor');
});

eachBackend(
  test,
  'event types › concurrent creates of one name make one type; the others get 409',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.request('POST', '/v1/event-types', { key, body: { name: 'race' } }),
      ),
    );
    t.deepEqual(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409]);
    t.true(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'CARAVAN_EVENT_TYPE_EXISTS'));
  },
);

eachBackend(
  test,
  'event types › another tenant’s event types answer 404 and are not listed',
  async (t, api) => {
    const a = await createTenantWithKey(api, 'A');
    const b = await createTenantWithKey(api, 'B');
    await api.request('POST', '/v1/event-types', { key: a.key, body: invoicePaid });

    const get = await api.request('GET', '/v1/event-types/invoice.paid', { key: b.key });
    t.is(get.status, 404);
    t.is(get.body.code, 'CARAVAN_EVENT_TYPE_NOT_FOUND');
    const patch = await api.request('PATCH', '/v1/event-types/invoice.paid', {
      key: b.key,
      body: { description: 'mine now' },
    });
    t.is(patch.status, 404);
    t.is((await api.request('DELETE', '/v1/event-types/invoice.paid', { key: b.key })).status, 404);
    t.deepEqual((await api.request('GET', '/v1/event-types', { key: b.key })).body.data, []);

    const own = await api.request('POST', '/v1/event-types', { key: b.key, body: { name: 'invoice.paid' } });
    t.is(own.status, 201, 'names are per tenant');
    const untouched = await api.request('GET', '/v1/event-types/invoice.paid', { key: a.key });
    t.deepEqual(untouched.body.schema, invoicePaid.schema);
    t.is(untouched.body.description, invoicePaid.description);

    const admin = await api.request('GET', '/v1/event-types');
    t.is(admin.status, 403, 'the admin key is not a tenant');
  },
);

// `^(a+)+$` against 40 × `a` + `!` backtracks for hours (32 characters took 23 s, ×4 per two more), and
// every other tenant and /healthz would wait alongside; tenants' patterns run in linear time.
eachBackend(
  test,
  'event types › a catastrophic pattern rejects a hostile event at once while /healthz answers',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const created = await api.request('POST', '/v1/event-types', {
      key,
      body: {
        name: 'redos',
        schema: { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } },
      },
    });
    t.is(created.status, 201);
    const [event, health] = await Promise.all([
      api.request('POST', '/v1/events', {
        key,
        body: { eventType: 'redos', payload: { s: `${'a'.repeat(40)}!` } },
      }),
      // Raw fetch: /healthz is an ops route outside the API contract.
      fetch(`${api.url}/healthz`),
    ]);
    t.is(event.status, 400);
    t.is(event.body.code, 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH');
    t.deepEqual(
      event.body.errors.map((e: { field: string }) => e.field),
      ['/body/payload/s'],
    );
    t.is(health.status, 200);
    const fine = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'redos', payload: { s: 'a'.repeat(40) } },
    });
    t.is(fine.status, 202);
  },
);

eachBackend(
  test,
  'event types › a schema beyond the bounds or outside RE2 syntax answers 400 naming the schema',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    let deep: Record<string, unknown> = { type: 'string' };
    // 41 levels: past the schema bound (32), within the request body's own nesting bound (64).
    for (let i = 0; i < 20; i++) deep = { type: 'object', properties: { a: deep } };
    const schemas = [
      { type: 'string', pattern: '^(?=a)a$' },
      { type: 'object', patternProperties: { '(x)\\1': { type: 'integer' } } },
      deep,
      { description: 'x'.repeat(70_000) },
    ];
    for (const [i, schema] of schemas.entries()) {
      const created = await api.request('POST', '/v1/event-types', { key, body: { name: `t${i}`, schema } });
      t.is(created.status, 400, `schema ${i}`);
      t.deepEqual(
        created.body.errors.map((e: { field: string }) => e.field),
        ['/body/schema'],
      );
    }
    await api.request('POST', '/v1/event-types', { key, body: { name: 'later' } });
    const updated = await api.request('PATCH', '/v1/event-types/later', { key, body: { schema: deep } });
    t.is(updated.status, 400);
    t.deepEqual(
      updated.body.errors.map((e: { field: string }) => e.field),
      ['/body/schema'],
    );
  },
);
