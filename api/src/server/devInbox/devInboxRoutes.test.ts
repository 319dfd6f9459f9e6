import test from 'ava';
import Koa from 'koa';
import { startServer } from '../startServer.js';
import { devInboxRoutes } from './devInboxRoutes.js';
import { InboxStore } from './InboxStore.js';

async function serve(store = new InboxStore()) {
  const app = new Koa();
  app.use(devInboxRoutes(store));
  app.use((ctx) => {
    ctx.body = 'next';
  });
  return startServer(app, '127.0.0.1', 0);
}

test('devInboxRoutes › an inbox keeps what is sent to it, headers and exact body, newest first', async (t) => {
  const server = await serve();
  t.teardown(() => server.close());
  const created = await fetch(`${server.url}/dev/inboxes`, { method: 'POST' });
  t.is(created.status, 201);
  const { id, url } = (await created.json()) as { id: string; url: string };
  t.regex(id, /^inb_[A-Za-z0-9_-]{22}$/);
  t.is(url, `${server.url}/dev/inboxes/${id}`);

  const sent = await fetch(`${url}?x=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'webhook-id': 'evt_1' },
    body: '{"a": 1,  "b":"é"}',
  });
  t.is(sent.status, 200);
  await fetch(url, { method: 'PUT', body: 'second' });
  const listed = (await (await fetch(`${url}/requests`)).json()) as {
    data: { method: string; url: string; headers: Record<string, string>; body: string; bodyBytes: number }[];
  };
  t.deepEqual(
    listed.data.map((r) => r.method),
    ['PUT', 'POST'],
  );
  const first = listed.data[1]!;
  t.is(first.body, '{"a": 1,  "b":"é"}');
  t.is(first.bodyBytes, Buffer.byteLength('{"a": 1,  "b":"é"}'));
  t.is(first.headers['webhook-id'], 'evt_1');
  t.is(first.url, `/dev/inboxes/${id}?x=1`);
});

test('devInboxRoutes › an inbox answers the status set on it, and says so for each request', async (t) => {
  const server = await serve();
  t.teardown(() => server.close());
  const { url } = (await (await fetch(`${server.url}/dev/inboxes`, { method: 'POST' })).json()) as {
    url: string;
  };
  const set = (body: string) => fetch(`${url}/status`, { method: 'PUT', body });
  t.is((await set('{"status":503}')).status, 200);
  t.is((await fetch(url, { method: 'POST', body: '{}' })).status, 503);
  for (const bad of ['{"status":99}', '{"status":"500"}', '{"status":600}', 'nope', '{}']) {
    const res = await set(bad);
    t.is(res.status, 400, bad);
    t.regex(((await res.json()) as { error: string }).error, /^status:/);
  }
  t.is((await set('{"status":200}')).status, 200);
  t.is((await fetch(url, { method: 'POST', body: '{}' })).status, 200);
  const listed = (await (await fetch(`${url}/requests`)).json()) as {
    data: { answeredWith: number }[];
    status: number;
  };
  t.deepEqual(
    listed.data.map((r) => r.answeredWith),
    [200, 503],
  );
  t.is(listed.status, 200);
});

test('devInboxRoutes › unknown inboxes answer 404; other paths pass through', async (t) => {
  const server = await serve();
  t.teardown(() => server.close());
  t.is((await fetch(`${server.url}/dev/inboxes/inb_AAAAAAAAAAAAAAAAAAAAAA`, { method: 'POST' })).status, 404);
  t.is((await fetch(`${server.url}/dev/inboxes/inb_AAAAAAAAAAAAAAAAAAAAAA/requests`)).status, 404);
  t.is((await fetch(`${server.url}/dev/inboxes`)).status, 405);
  t.is(await (await fetch(`${server.url}/v1/tenant`)).text(), 'next');
});

test('InboxStore › bounded: the least recently used inbox, the oldest requests and long bodies are cut', (t) => {
  const store = new InboxStore({ maxInboxes: 2, maxRequests: 2, maxBodyBytes: 4 });
  const a = store.create();
  const b = store.create();
  const request = (body: string) => ({
    method: 'POST',
    url: '/',
    headers: {},
    body: Buffer.from(body),
    bodyBytes: body.length,
  });
  t.is(store.record(a, request('1')), 200);
  store.create();
  t.true(store.has(a), 'a was used after b was created');
  t.false(store.has(b));
  store.record(a, request('2'));
  store.record(a, request('123456'));
  const listed = store.list(a)!;
  t.deepEqual(
    listed.map((r) => r.body),
    ['1234', '2'],
  );
  t.true(listed[0]!.truncated);
  t.is(listed[0]!.bodyBytes, 6);
});
