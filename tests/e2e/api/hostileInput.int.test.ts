import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout } from 'node:timers/promises';
import test from 'ava';
import { pino } from 'pino';
import { encodeRecord } from '@caravan/core';
import { ApiHarness, createTenantWithKey, eachBackend } from '../../support/apiHarness.js';
import { waitFor } from '@caravan/testing';

// Hostile and careless input: each answer is a 4xx problem naming what is wrong, never a 500, and
// never a silent change to what was sent. SQLite only: none of this depends on the database.
const sqlite = { backends: ['sqlite' as const] };

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function sendRaw(api: ApiHarness, key: string, path: string, body: string | Uint8Array) {
  return api.request('POST', path, { key, rawBody: body, headers: { 'content-type': 'application/json' } });
}

eachBackend(
  test,
  'path parameters › malformed percent-encoding is a 400 naming the parameter',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    for (const [path, field] of [
      ['/v1/endpoints/%ff', '/path/endpointId'],
      ['/v1/events/%E0%A4%A', '/path/eventId'],
      ['/v1/deliveries/%C3%28/attempts', '/path/deliveryId'],
      ['/v1/event-types/%', '/path/eventTypeName'],
    ] as const) {
      const res = await api.request('GET', path, { key });
      t.is(res.status, 400, path);
      t.is(res.body.code, 'CARAVAN_VALIDATION_FAILED', path);
      t.deepEqual(res.body.errors, [{ field, message: 'is not valid percent-encoded UTF-8' }], path);
    }
    const tenant = await api.request('GET', '/v1/tenants/%ff');
    t.is(tenant.status, 400, 'the admin surface too');
    t.deepEqual(tenant.body.errors, [
      { field: '/path/tenantId', message: 'is not valid percent-encoded UTF-8' },
    ]);
  },
  sqlite,
);

eachBackend(
  test,
  'nesting › a payload 5,000 levels deep is a 400 naming the field, on single and batch ingest',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const single = await sendRaw(
      api,
      key,
      '/v1/events',
      `{"eventType":"deep.one","payload":${nested(5_000)}}`,
    );
    t.is(single.status, 400);
    t.is(single.body.code, 'CARAVAN_VALIDATION_FAILED');
    t.is(single.body.errors[0].field, '/body/payload/a/a');
    t.regex(single.body.detail, /more than 64 levels deep/);
    const batch = await sendRaw(
      api,
      key,
      '/v1/events/batch',
      `{"events":[{"eventType":"ok","payload":{}},{"eventType":"deep.one","payload":${nested(5_000)}}]}`,
    );
    t.is(batch.status, 400);
    t.is(batch.body.errors[0].field, '/body/events/1/payload');
    const endpoint = await sendRaw(
      api,
      key,
      '/v1/endpoints',
      `{"url":"https://a.example","metadata":${nested(100)}}`,
    );
    t.is(endpoint.status, 400, 'every body has the same bound');
  },
  sqlite,
);

eachBackend(
  test,
  'nesting › a payload at the limit is accepted and read back as sent',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const payload = nested(63);
    const sent = await sendRaw(api, key, '/v1/events', `{"eventType":"deep.ok","payload":${payload}}`);
    t.is(sent.status, 202);
    let read: { status: number; body: any } | undefined;
    await waitFor(async () => {
      read = await api.request('GET', `/v1/events/${sent.body.id}`, { key });
      return read.status === 200;
    }, 'the event to be persisted');
    t.is(JSON.stringify(read!.body.payload), payload);
  },
  { ...sqlite, router: true },
);

eachBackend(
  test,
  'nesting › an event far deeper than the limit that came through a broker is read back as its stored bytes',
  async (t, api) => {
    const { key, tenantId } = await createTenantWithKey(api);
    // Sources do not pass through the API's body limit: put such an event straight into the log.
    const id = 'evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N';
    const payload = '[' + nested(5_000) + ' ]';
    await api.log.append('events', [
      {
        key: tenantId,
        value: encodeRecord({
          v: 1,
          id,
          tenantId,
          eventType: 'deep.broker',
          payload,
          idempotencyKey: null,
          endpointId: null,
          ownerId: null,
          headers: {},
          sourceId: null,
          createdAt: Date.now(),
        }),
      },
    ]);
    let res: Response | undefined;
    await waitFor(async () => {
      res = await fetch(`${api.url}/v1/events/${id}`, { headers: { authorization: `Bearer ${key}` } });
      return res.status !== 404;
    }, 'the event to be persisted');
    t.is(res!.status, 200);
    t.regex(res!.headers.get('content-type') ?? '', /^application\/json/);
    const text = await res!.text();
    t.true(text.includes(`"payload":${payload}`), 'the payload is answered as the bytes stored');
  },
  { ...sqlite, router: true },
);

eachBackend(
  test,
  'utf-8 › a payload with invalid UTF-8 is a 400, never stored with U+FFFD, on single and batch ingest',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const bytes = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
    for (const [path, body] of [
      ['/v1/events', bytes('{"eventType":"a.b","payload":{"name":"', [0xff, 0xfe], '"}}')],
      ['/v1/events/batch', bytes('{"events":[{"eventType":"a.b","payload":"', [0xc3, 0x28], '"}]}')],
    ] as const) {
      const res = await sendRaw(api, key, path, body);
      t.is(res.status, 400, path);
      t.is(res.body.code, 'CARAVAN_MALFORMED_JSON', path);
      t.deepEqual(res.body.errors, [{ field: '/body', message: 'is not valid UTF-8' }], path);
    }
    const list = await api.request('GET', '/v1/events', { key });
    t.deepEqual(list.body.data, [], 'nothing was stored');
  },
  sqlite,
);

test('client abort › a client that hangs up mid-body is no 5xx in /metrics and no error log', async (t) => {
  const lines: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const api = await ApiHarness.start('sqlite', { logger });
  t.teardown(() => api.close());
  const { key } = await createTenantWithKey(api);
  const { hostname, port } = new URL(api.url);
  for (let i = 0; i < 3; i++) {
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(
      [
        'POST /v1/events HTTP/1.1',
        `Host: ${hostname}:${port}`,
        `Authorization: Bearer ${key}`,
        'Content-Type: application/json',
        'Content-Length: 100000',
        '',
        '{"eventType":"a.b","payload":{"x":"',
      ].join('\r\n'),
    );
    await setTimeout(100);
    socket.destroy();
  }
  const counted = (text: string, status: string) =>
    text
      .split('\n')
      .filter(
        (l) =>
          l.startsWith('caravan_http_request_duration_seconds_count{') && l.includes(`status="${status}"`),
      )
      .filter((l) => l.includes('operation="sendEvent"'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  let metrics = '';
  await waitFor(async () => {
    metrics = await (await fetch(`${api.url}/metrics`)).text();
    return counted(metrics, '499') === 3;
  }, 'the three aborted requests to be counted');
  t.notRegex(metrics, /caravan_http_request_duration_seconds_count\{[^}]*status="5\d\d"/);
  t.deepEqual(
    lines.filter((l) => l.level >= 50),
    [],
    'nothing is logged as an error',
  );
});

eachBackend(
  test,
  'methods › a method a known path does not take is a 405 problem with Allow',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    for (const [method, path, allow] of [
      ['PUT', '/v1/endpoints', 'GET, POST'],
      ['POST', '/v1/endpoints/ep_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N', 'DELETE, GET, PATCH'],
      ['DELETE', '/v1/events', 'GET, POST'],
    ] as const) {
      const res = await api.request(method, path, { key });
      t.is(res.status, 405, `${method} ${path}`);
      t.is(res.body.code, 'CARAVAN_METHOD_NOT_ALLOWED');
      t.is(res.headers.get('allow'), allow, `${method} ${path}`);
    }
    const unknown = await api.request('GET', '/v1/nowhere', { key });
    t.is(unknown.status, 404);
  },
  sqlite,
);

const garbageCursors = [
  '0',
  'MA',
  'garbage!',
  Buffer.from('[1e400,"x"]').toString('base64url'),
  Buffer.from('[-5,"x"]').toString('base64url'),
  Buffer.from('[1.5,"x"]').toString('base64url'),
  Buffer.from('[1,""]').toString('base64url'),
  Buffer.from('[1,2]').toString('base64url'),
];

eachBackend(
  test,
  'cursor › cursor=0 and garbage cursors are a 400 naming cursor on every list',
  async (t, api) => {
    const { key, tenantId } = await createTenantWithKey(api);
    const lists: [string, string | null][] = [
      ['/v1/tenants', null],
      [`/v1/tenants/${tenantId}/api-keys`, null],
      ['/v1/egress-pools', null],
      ['/v1/tenant/egress-pools', key],
      ['/v1/endpoints', key],
      ['/v1/event-types', key],
      ['/v1/events', key],
      ['/v1/deliveries', key],
      ['/v1/deliveries/dlv_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N/attempts', key],
      ['/v1/sources', key],
      ['/v1/sources/src_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N/dead-letters', key],
      ['/v1/operational-events', key],
    ];
    const seen: string[] = [];
    for (const [path, listKey] of lists) {
      for (const cursor of garbageCursors) {
        const res = await api.request('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, {
          key: listKey ?? api.adminKey,
        });
        const field = res.body?.errors?.[0]?.field;
        if (res.status !== 400 || field !== '/query/cursor')
          seen.push(`${path} ${cursor} → ${res.status} ${field ?? ''}`);
      }
    }
    // A name where a time is expected: only the list itself knows, after it found its parent.
    const nameCursor = Buffer.from('["abc","ep_1"]').toString('base64url');
    for (const [path, listKey] of lists.filter(
      ([p]) => p.split('/').length === 3 && p !== '/v1/event-types',
    )) {
      const res = await api.request('GET', `${path}?cursor=${nameCursor}`, { key: listKey ?? api.adminKey });
      if (res.status !== 400 || res.body.errors?.[0]?.field !== '/query/cursor')
        seen.push(`${path} name → ${res.status}`);
    }
    const timeCursor = Buffer.from('[1,"x"]').toString('base64url');
    const types = await api.request('GET', `/v1/event-types?cursor=${timeCursor}`, { key });
    t.is(types.status, 400, 'event types are listed by name');
    t.deepEqual(seen, []);
  },
  sqlite,
);

eachBackend(
  test,
  'endpoints › port 0 and well-known non-web ports are refused on the url',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    for (const [port, message] of [
      ['0', 'must not use port 0'],
      ['22', 'must not use port 22, the well-known SSH port'],
    ]) {
      const res = await api.request('POST', '/v1/endpoints', {
        key,
        body: { url: `http://127.0.0.1:${port}/h` },
      });
      t.is(res.status, 400, port);
      t.deepEqual(res.body.errors, [{ field: '/body/url', message }], port);
    }
    const ok = await api.request('POST', '/v1/endpoints', { key, body: { url: 'http://127.0.0.1:8080/h' } });
    t.is(ok.status, 201);
    const moved = await api.request('PATCH', `/v1/endpoints/${ok.body.id}`, {
      key,
      body: { url: 'http://127.0.0.1:25/h' },
    });
    t.is(moved.status, 400, 'an update is held to the same rule');
  },
  sqlite,
);

eachBackend(
  test,
  'custom headers › Authorization and Cookie may be set; Content-Encoding may not, on endpoints and events',
  async (t, api) => {
    const { key } = await createTenantWithKey(api);
    const url = 'http://127.0.0.1:8080/h';
    const allowed = { Authorization: 'Bearer receiver-token', Cookie: 'session=static' };
    const endpoint = await api.request('POST', '/v1/endpoints', { key, body: { url, headers: allowed } });
    t.is(endpoint.status, 201);
    t.deepEqual(endpoint.body.headers, allowed);
    const refused = await api.request('POST', '/v1/endpoints', {
      key,
      body: { url, headers: { 'Content-Encoding': 'gzip' } },
    });
    t.is(refused.status, 400);
    t.is(refused.body.errors[0].field, '/body/headers/Content-Encoding');
    const event = await api.request('POST', '/v1/events', {
      key,
      body: { eventType: 'a.b', payload: {}, headers: allowed },
    });
    t.is(event.status, 202);
    for (const name of ['Content-Encoding', 'Transfer-Encoding', 'Host', 'webhook-id']) {
      const res = await api.request('POST', '/v1/events', {
        key,
        body: { eventType: 'a.b', payload: {}, headers: { [name]: 'x' } },
      });
      t.is(res.status, 400, name);
      t.is(res.body.errors[0].field, `/body/headers/${name}`, name);
    }
  },
  sqlite,
);
