import { randomBytes } from 'node:crypto';
import test from 'ava';
import { decodeDeliveryRecord, ManualClock, type DeliveryRecord } from '@caravan/core';
import { ApiHarness, createTenantWithKey, eachBackend } from '../../support/apiHarness.js';
import { waitFor } from '@caravan/testing';

const HOOK = 'http://127.0.0.1:9/hooks/caravan';
// Serial: starting an API harness compiles the whole contract synchronously (seconds of CPU); many at
// once starve the event loop, and MariaDB then drops connections still in their handshake.
const withRouter = { router: true };

async function createEndpoint(api: ApiHarness, key: string, body: Record<string, unknown> = {}) {
  const res = await api.request('POST', '/v1/endpoints', { key, body: { url: HOOK, ...body } });
  if (res.status !== 201)
    throw new Error(`createEndpoint answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Sends a body exactly as written (not re-encoded), so whitespace and member order are the test's. */
function sendRaw(api: ApiHarness, key: string, path: string, text: string) {
  return api.request('POST', path, { key, rawBody: text, headers: { 'content-type': 'application/json' } });
}

/** Polls getEvent until the router has persisted the event. */
async function persisted(api: ApiHarness, key: string, id: string): Promise<any> {
  let last: { status: number; body: any } | undefined;
  await waitFor(async () => {
    last = await api.request('GET', `/v1/events/${id}`, { key });
    return last.status === 200;
  }, `event ${id} to be persisted`);
  return last!.body;
}

async function listAll(api: ApiHarness, key: string, query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await api.request(
      'GET',
      `/v1/events?${query}${cursor ? `&cursor=${cursor}` : ''}`,
      { key },
    );
    ids.push(...page.body.data.map((e) => e.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

const appendedEvents = async (api: ApiHarness) =>
  Number(
    ((await api.db('log_records').where({ topic: 'events' }).count({ n: '*' }).first()) as { n: number }).n,
  );

eachBackend(
  test.serial,
  'events › a sent event keeps its exact payload bytes and shows with its deliveries once routed',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const invoices = await createEndpoint(api, key, { eventTypes: ['invoice.*'], ownerId: 'cus_1' });
    const everything = await createEndpoint(api, key);
    await createEndpoint(api, key, { eventTypes: ['customer.*'] });
    const delivered: DeliveryRecord[] = [];
    await api.log.subscribe({
      groupId: 'test-deliveries',
      topic: 'deliveries',
      onRecords: (records) => {
        for (const r of records) {
          delivered.push(decodeDeliveryRecord(r.value));
          r.done();
        }
      },
    });

    const payloadText = '{"b":1,  "a":[2, {"c" : "}\\"{"}], "n": 1e5, "big": 12345678901234567890}';
    const sent = await sendRaw(
      api,
      key,
      '/v1/events',
      `{ "eventType":"invoice.paid", "headers": {"X-Trace":"t-1"},\n "payload": ${payloadText} }`,
    );
    t.is(sent.status, 202);
    t.false(sent.body.duplicate);
    t.regex(sent.body.id, /^evt_[0-9A-Z]{26}$/);

    const event = await persisted(api, key, sent.body.id);
    t.like(event, {
      id: sent.body.id,
      eventType: 'invoice.paid',
      idempotencyKey: null,
      endpointId: null,
      ownerId: null,
      headers: { 'X-Trace': 't-1' },
      sourceId: null,
      hasMoreDeliveries: false,
    });
    t.deepEqual(event.payload, JSON.parse(payloadText));
    t.deepEqual(Object.keys(event.payload), ['b', 'a', 'n', 'big'], 'member order kept');
    t.deepEqual(
      event.deliveries.map((d: { endpointId: string }) => d.endpointId).sort(),
      [invoices, everything].sort(),
    );
    for (const d of event.deliveries) {
      t.like(d, { eventId: sent.body.id, eventType: 'invoice.paid', status: 'pending', attemptCount: 0 });
    }

    const row = await api.db('events').where({ id: sent.body.id }).first<{ payload: Buffer }>('payload');
    t.is(Buffer.from(row.payload).toString('utf8'), payloadText, 'stored byte for byte');
    await waitFor(() => delivered.length >= 2, 'the delivery records');
    t.deepEqual(
      delivered.map((r) => r.payload),
      [payloadText, payloadText],
      'delivered byte for byte',
    );
  },
  withRouter,
);

eachBackend(
  test.serial,
  'events › a batch is accepted in request order and each event is routed',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const endpoint = await createEndpoint(api, key, { ownerId: 'cus_7' });
    const body = `{"events":[
      {"eventType":"order.created","payload":{"n":1}, "ownerId":"cus_7"},
      {"payload":  [1,2,3] ,"eventType":"order.updated","endpointId":"${endpoint}"},
      {"eventType":"order.deleted","payload":null,"idempotencyKey":"del-1"}
    ]}`;
    const sent = await sendRaw(api, key, '/v1/events/batch', body);
    t.is(sent.status, 202);
    t.is(sent.body.data.length, 3);
    t.true(sent.body.data.every((r: { duplicate: boolean }) => !r.duplicate));
    const [created, updated, deleted] = sent.body.data.map((r: { id: string }) => r.id);

    const second = await persisted(api, key, updated);
    t.deepEqual(second.payload, [1, 2, 3]);
    t.is(second.endpointId, endpoint);
    t.is(second.deliveries.length, 1);
    const third = await persisted(api, key, deleted);
    t.is(third.payload, null);
    t.is(third.idempotencyKey, 'del-1');
    await persisted(api, key, created);
    const rows = await api
      .db('events')
      .whereIn('id', [created, updated])
      .select<{ id: string; payload: Buffer }[]>('id', 'payload');
    t.deepEqual(Object.fromEntries(rows.map((r) => [r.id, Buffer.from(r.payload).toString('utf8')])), {
      [created]: '{"n":1}',
      [updated]: '[1,2,3]',
    });
    t.deepEqual((await listAll(api, key, 'limit=10')).sort(), [created, updated, deleted].sort());
  },
  withRouter,
);

eachBackend(
  test.serial,
  'events › an idempotency key maps every send to the first event, marked duplicate once it is persisted',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const first = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'order.created', payload: { v: 1 }, idempotencyKey: 'order-42' },
    });
    t.is(first.status, 202);
    t.false(first.body.duplicate);
    await persisted(api, key, first.body.id);

    const again = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'order.created', payload: { v: 2 }, idempotencyKey: 'order-42' },
    });
    t.deepEqual(again.body, { id: first.body.id, duplicate: true });
    const batch = await api.request('POST', '/v1/events/batch', {
      key,
      body: {
        events: [
          { eventType: 'order.created', payload: { v: 3 }, idempotencyKey: 'order-42' },
          { eventType: 'order.created', payload: { v: 4 }, idempotencyKey: 'order-43' },
          { eventType: 'order.created', payload: { v: 5 }, idempotencyKey: 'order-43' },
        ],
      },
    });
    t.is(batch.body.data[0].id, first.body.id);
    t.true(batch.body.data[0].duplicate);
    t.false(batch.body.data[1].duplicate);
    t.deepEqual(
      batch.body.data[2],
      { id: batch.body.data[1].id, duplicate: true },
      'a key repeated in one batch',
    );
    t.not(batch.body.data[1].id, first.body.id);

    const other = await createTenantWithKey(api, 'Other');
    const elsewhere = await api.request('POST', '/v1/events', {
      key: other.key,
      body: { eventType: 'order.created', payload: {}, idempotencyKey: 'order-42' },
    });
    t.not(elsewhere.body.id, first.body.id, 'keys are per tenant');

    const stored = await persisted(api, key, batch.body.data[1].id);
    t.deepEqual(stored.payload, { v: 4 }, 'the first payload of a key is kept');
    t.deepEqual((await persisted(api, key, first.body.id)).payload, { v: 1 });
    t.is((await listAll(api, key, 'limit=50')).length, 2);
  },
  withRouter,
);

eachBackend(
  test.serial,
  'events › a batch with invalid events names every one by index and appends nothing',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    await api.request('POST', '/v1/event-types', {
      key,
      body: {
        name: 'invoice.paid',
        schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer' } } },
      },
    });
    const res = await api.request('POST', '/v1/events/batch', {
      key,
      body: {
        events: [
          { eventType: 'invoice.paid', payload: { amount: 1 } },
          { eventType: 'order.created', payload: {}, headers: { 'Webhook-Id': 'mine', 'X-Fine': 'ok' } },
          { eventType: 'invoice.paid', payload: { amount: 'ten' } },
        ],
      },
    });
    t.is(res.status, 400);
    t.is(res.body.code, 'CARAVAN_VALIDATION_FAILED');
    t.deepEqual(
      res.body.errors.map((e: { field: string }) => e.field),
      ['/body/events/1/headers/Webhook-Id', '/body/events/2/payload/amount'],
    );

    const shape = await api.request('POST', '/v1/events/batch', {
      key,
      body: {
        events: [
          { eventType: 'ok', payload: 1 },
          { eventType: 'not ok!', payload: 1 },
        ],
      },
    });
    t.is(shape.status, 400);
    t.deepEqual(
      shape.body.errors.map((e: { field: string }) => e.field),
      ['/body/events/1/eventType'],
    );
    t.is(await appendedEvents(api), 0, 'nothing reached the log');
  },
);

eachBackend(
  test.serial,
  'events › a payload that fails its event type schema is named inside the payload',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    await api.request('POST', '/v1/event-types', {
      key,
      body: {
        name: 'invoice.paid',
        schema: {
          type: 'object',
          required: ['amount', 'customer'],
          properties: {
            amount: { type: 'integer', minimum: 0 },
            customer: { type: 'object', required: ['email'] },
          },
        },
      },
    });
    const res = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'invoice.paid', payload: { amount: -5, customer: {} } },
    });
    t.is(res.status, 400);
    t.is(res.body.code, 'CARAVAN_PAYLOAD_SCHEMA_MISMATCH');
    t.deepEqual(res.body.errors.map((e: { field: string }) => e.field).sort(), [
      '/body/payload/amount',
      '/body/payload/customer/email',
    ]);
    const fine = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'invoice.paid', payload: { amount: 5, customer: { email: 'a@b.example' } } },
    });
    t.is(fine.status, 202);
    t.is(await appendedEvents(api), 1);
  },
);

eachBackend(test.serial, 'events › a payload over the tenant limit answers 413 naming it', async (t, api) => {
  const tenant = await api.request('POST', '/v1/tenants', {
    body: { name: 'Small', limits: { maxPayloadBytes: 1024 } },
  });
  const { body: apiKey } = await api.request('POST', `/v1/tenants/${tenant.body.id}/api-keys`, { body: {} });
  const key = apiKey.key as string;
  const fits = `"${'x'.repeat(1022)}"`;
  const ok = await sendRaw(api, key, '/v1/events', `{"eventType":"a","payload":${fits}}`);
  t.is(ok.status, 202, 'exactly maxPayloadBytes is allowed');

  const over = await sendRaw(api, key, '/v1/events', `{"eventType":"a","payload":"${'é'.repeat(512)}"}`);
  t.is(over.status, 413, 'measured in bytes, not characters');
  t.is(over.body.code, 'CARAVAN_PAYLOAD_TOO_LARGE');
  t.deepEqual(
    over.body.errors.map((e: { field: string }) => e.field),
    ['/body/payload'],
  );

  const batch = await api.request('POST', '/v1/events/batch', {
    key,
    body: {
      events: [
        { eventType: 'a', payload: 1 },
        { eventType: 'a', payload: 'y'.repeat(2000) },
      ],
    },
  });
  t.is(batch.status, 413);
  t.deepEqual(
    batch.body.errors.map((e: { field: string }) => e.field),
    ['/body/events/1/payload'],
  );

  const huge = await sendRaw(
    api,
    key,
    '/v1/events',
    `{"eventType":"a","payload":"${'z'.repeat(70 * 1024)}"}`,
  );
  t.is(huge.status, 413, 'a body beyond the tenant limit plus the envelope is not even read');
  t.is(await appendedEvents(api), 1);

  // The tenant limit, not the API's 1 MiB default, bounds a single event.
  const big = await api.request('POST', '/v1/tenants', {
    body: { name: 'Big', limits: { maxPayloadBytes: 3_000_000 } },
  });
  const bigKey = (await api.request('POST', `/v1/tenants/${big.body.id}/api-keys`, { body: {} })).body.key;
  const large = await api.request('POST', '/v1/events', {
    key: bigKey,
    body: { eventType: 'a', payload: 'w'.repeat(2_000_000) },
  });
  t.is(large.status, 202);
});

eachBackend(
  test.serial,
  'events › lists page through many events newest first without gaps or repeats, and filter',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const sent: string[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const res = await api.request('POST', '/v1/events/batch', {
        key,
        body: {
          events: Array.from({ length: 100 }, (_, i) => ({
            eventType: i % 3 === 0 ? 'order.created' : 'order.updated',
            payload: { batch, i },
            ...(i % 10 === 0 ? { ownerId: 'cus_10' } : {}),
          })),
        },
      });
      t.is(res.status, 202);
      sent.push(...res.body.data.map((r: { id: string }) => r.id));
    }
    await waitFor(
      async () => (await listAll(api, key, 'limit=250')).length === 300,
      'all 300 events',
      60_000,
    );

    const paged = await listAll(api, key, 'limit=50');
    t.is(paged.length, 300);
    t.is(new Set(paged).size, 300, 'no repeats');
    t.deepEqual([...paged].sort(), [...sent].sort(), 'no gaps');
    const first = await api.request('GET', '/v1/events?limit=2', { key });
    t.false('payload' in first.body.data[0], 'lists carry no payload');
    const times = await api.request('GET', '/v1/events?limit=250', { key });
    const created = times.body.data.map((e: { createdAt: string; id: string }) => `${e.createdAt}|${e.id}`);
    t.deepEqual(created, [...created].sort().reverse(), 'newest first on (createdAt, id)');

    t.is((await listAll(api, key, 'limit=50&eventType=order.created')).length, 102);
    t.is((await listAll(api, key, 'limit=7&ownerId=cus_10')).length, 30);
    const since = times.body.data[100].createdAt as string;
    const after = await listAll(api, key, `limit=50&since=${encodeURIComponent(since)}`);
    const before = await listAll(api, key, `limit=50&until=${encodeURIComponent(since)}`);
    t.is(after.length + before.length, 300, 'since is inclusive, until exclusive');
    t.true(after.length >= 1);
  },
  withRouter,
);

for (const backend of ['sqlite', 'mysql'] as const) {
  test.serial(`[${backend}] events › since and until bound the list by creation time`, async (t) => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const api = await ApiHarness.start(backend, { clock, router: true });
    t.teardown(() => api.close());
    const { key } = await createTenantWithKey(api);
    const ids: string[] = [];
    for (const minute of [0, 1, 2]) {
      clock.set(Date.UTC(2026, 0, 1, 0, minute));
      ids.push(
        (await api.request('POST', '/v1/events', { key, body: { eventType: 'a', payload: minute } })).body.id,
      );
    }
    await waitFor(async () => (await listAll(api, key, 'limit=10')).length === 3, 'the events');
    t.deepEqual(await listAll(api, key, 'limit=10&since=2026-01-01T00:01:00.000Z'), [ids[2], ids[1]]);
    t.deepEqual(await listAll(api, key, 'limit=10&until=2026-01-01T00:01:00.000Z'), [ids[0]]);
    t.deepEqual(
      await listAll(api, key, 'limit=10&since=2026-01-01T00:01:00.000Z&until=2026-01-01T00:02:00.000Z'),
      [ids[1]],
    );
    const event = await persisted(api, key, ids[1]!);
    t.is(event.createdAt, '2026-01-01T00:01:00.000Z');
  });
}

eachBackend(
  test.serial,
  "events › another tenant's key gets 404 for an event, and lists only its own",
  async (t, api) => {
    const a = await createTenantWithKey(api, 'A');
    const b = await createTenantWithKey(api, 'B');
    const sent = await api.request('POST', '/v1/events', {
      key: a.key,
      body: { eventType: 'x', payload: 1 },
    });
    await persisted(api, a.key, sent.body.id);

    const got = await api.request('GET', `/v1/events/${sent.body.id}`, { key: b.key });
    t.is(got.status, 404);
    t.is(got.body.code, 'CARAVAN_EVENT_NOT_FOUND');
    const replay = await api.request('POST', `/v1/events/${sent.body.id}/replay`, { key: b.key });
    t.is(replay.status, 404);
    t.deepEqual((await api.request('GET', '/v1/events', { key: b.key })).body.data, []);
    const missing = await api.request('GET', `/v1/events/evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N`, { key: a.key });
    t.is(missing.status, 404);
    const badId = await api.request('GET', '/v1/events/ep_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N', { key: a.key });
    t.is(badId.status, 400);
    t.is(badId.body.errors[0].field, '/path/eventId');
  },
  withRouter,
);

eachBackend(
  test.serial,
  'events › replaying an event queues a job',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const sent = await api.request('POST', '/v1/events', { key, body: { eventType: 'x', payload: 1 } });
    await persisted(api, key, sent.body.id);
    const idempotencyKey = `replay-${randomBytes(4).toString('hex')}`;
    const replay = await api.request('POST', `/v1/events/${sent.body.id}/replay`, {
      key,
      headers: { 'idempotency-key': idempotencyKey },
    });
    t.is(replay.status, 202);
    t.like(replay.body, {
      type: 'event_replay',
      status: 'queued',
      total: null,
      processed: 0,
      error: null,
      finishedAt: null,
    });
    t.is(replay.headers.get('location'), `/v1/jobs/${replay.body.id}`);
    const job = (await api.db('jobs').where({ id: replay.body.id }).first()) as {
      kind: string;
      params: string;
      tenant_id: string;
    };
    t.is(job.kind, 'event_replay');
    t.deepEqual(JSON.parse(job.params), { eventId: sent.body.id });

    const repeated = await api.request('POST', `/v1/events/${sent.body.id}/replay`, {
      key,
      headers: { 'idempotency-key': idempotencyKey },
    });
    t.is(repeated.body.id, replay.body.id, 'Idempotency-Key replays the first answer');
    t.is(repeated.headers.get('idempotent-replayed'), 'true');
  },
  withRouter,
);

eachBackend(
  test.serial,
  'events › when the log cannot take events, ingest answers 503 and nothing is stored',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    await api.log.close({ graceMs: 0 });
    const res = await api.request('POST', '/v1/events', { key, body: { eventType: 'x', payload: 1 } });
    t.is(res.status, 503);
    t.is(res.body.code, 'CARAVAN_LOG_UNAVAILABLE');
    t.is(res.headers.get('retry-after'), '1');
    t.is(await appendedEvents(api), 0);
  },
);
