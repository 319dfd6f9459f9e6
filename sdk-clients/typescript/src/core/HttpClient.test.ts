import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import test, { type ExecutionContext } from 'ava';
import { Caravan } from '../Caravan.js';
import { CaravanApiError, CaravanConnectionError, CaravanTimeoutError } from './errors.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

/** A real HTTP server on loopback that answers the n-th request (0-based) with `answer(n, req, res)`. */
async function startServer(
  t: ExecutionContext,
  answer: (n: number, req: Seen, res: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((raw, res) => {
    let body = '';
    raw.on('data', (c: Buffer) => (body += c.toString()));
    raw.on('end', () => {
      const req = { method: raw.method!, url: raw.url!, headers: raw.headers, body, at: Date.now() };
      seen.push(req);
      answer(seen.length - 1, req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res
    .writeHead(status, {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    })
    .end(JSON.stringify(body));

const problem = (status: number, code: string, extra: object = {}) => ({
  type: `urn:caravan:problem:${code}`,
  title: code,
  status,
  code,
  ...extra,
});

const endpoint = { id: 'ep_01', url: 'https://example.com/hook' };

test('HttpClient › retries a create after 503s with the same Idempotency-Key, and returns the answer', async (t) => {
  const server = await startServer(t, (n, _req, res) =>
    n < 2 ? json(res, 503, problem(503, 'CARAVAN_LOG_UNAVAILABLE')) : json(res, 201, endpoint),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url, retryBaseDelayMs: 1 });
  const created = await caravan.endpoints.create({ url: 'https://example.com/hook', eventTypes: ['*'] });
  t.deepEqual(created as unknown, endpoint);
  t.is(server.seen.length, 3);
  const keys = server.seen.map((r) => r.headers['idempotency-key']);
  t.truthy(keys[0]);
  t.deepEqual(keys, [keys[0], keys[0], keys[0]]);
  t.is(server.seen[0]!.headers.authorization, 'Bearer ck_test');
  t.deepEqual(JSON.parse(server.seen[2]!.body), { url: 'https://example.com/hook', eventTypes: ['*'] });

  // A second logical call gets a new key.
  await caravan.endpoints.create({ url: 'https://example.com/hook' });
  t.not(server.seen[3]!.headers['idempotency-key'], keys[0]);
});

test('HttpClient › a send retried after a dropped connection carries one ingest key throughout', async (t) => {
  const server = await startServer(t, (n, _req, res) =>
    n === 0 ? res.socket!.destroy() : json(res, 202, { id: 'evt_01', duplicate: false }),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url, retryBaseDelayMs: 1 });
  const sent = await caravan.events.send({ eventType: 'invoice.paid', payload: { n: 1 } });
  t.is(sent.id, 'evt_01');
  t.is(server.seen.length, 2);
  const [first, second] = server.seen.map((r) => JSON.parse(r.body));
  t.truthy(first.idempotencyKey);
  t.is(second.idempotencyKey, first.idempotencyKey);
  t.is(server.seen[0]!.headers['idempotency-key'], undefined, 'ingest takes its key in the body');

  await caravan.events.send({ eventType: 'invoice.paid', payload: {}, idempotencyKey: 'mine' });
  t.is(JSON.parse(server.seen[2]!.body).idempotencyKey, 'mine', "the caller's own key is kept");

  await caravan.events.sendBatch({
    events: [
      { eventType: 'a.b', payload: 1 },
      { eventType: 'a.b', payload: 2 },
    ],
  });
  const batchKeys = JSON.parse(server.seen[3]!.body).events.map(
    (e: { idempotencyKey: string }) => e.idempotencyKey,
  );
  t.is(new Set(batchKeys).size, 2, 'each event of a batch gets its own key');
});

test('HttpClient › honours Retry-After on 429 before the next attempt', async (t) => {
  const server = await startServer(t, (n, _req, res) =>
    n === 0
      ? json(res, 429, problem(429, 'CARAVAN_RATE_LIMITED'), { 'retry-after': '1' })
      : json(res, 200, { data: [], nextCursor: null }),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url, retryBaseDelayMs: 1 });
  await caravan.endpoints.list();
  t.is(server.seen.length, 2);
  // A lower bound only: the client may wait longer under load, never less than the server asked.
  t.true(server.seen[1]!.at - server.seen[0]!.at >= 950);
});

test('HttpClient › gives up after maxRetries with the last problem, and never retries a 400', async (t) => {
  const server = await startServer(t, (_n, req, res) =>
    req.url.startsWith('/v1/endpoints')
      ? json(
          res,
          400,
          problem(400, 'CARAVAN_VALIDATION_FAILED', {
            detail: 'The request is invalid.',
            errors: [{ field: '/body/url', message: 'must match format "uri"' }],
          }),
        )
      : json(res, 500, problem(500, 'CARAVAN_INTERNAL', { requestId: 'req_1' })),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url, retryBaseDelayMs: 1, maxRetries: 3 });
  const invalid = await t.throwsAsync(caravan.endpoints.create({ url: 'nope' }), {
    instanceOf: CaravanApiError,
  });
  t.is(invalid.status, 400);
  t.is(invalid.code, 'CARAVAN_VALIDATION_FAILED');
  t.deepEqual(invalid.errors, [{ field: '/body/url', message: 'must match format "uri"' }]);
  t.is(server.seen.length, 1);

  const failing = await t.throwsAsync(caravan.tenant.get(), { instanceOf: CaravanApiError });
  t.is(failing.code, 'CARAVAN_INTERNAL');
  t.is(failing.requestId, 'req_1');
  t.is(server.seen.length, 1 + 4, 'one attempt and three retries');
});

test('HttpClient › a Retry-After beyond a minute is handed to the caller instead of waited for', async (t) => {
  const server = await startServer(t, (_n, _req, res) =>
    json(res, 429, problem(429, 'CARAVAN_RATE_LIMITED'), { 'retry-after': '3600' }),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url });
  const error = await t.throwsAsync(caravan.tenant.get(), { instanceOf: CaravanApiError });
  t.is(error.code, 'CARAVAN_RATE_LIMITED');
  t.is(error.headers.get('retry-after'), '3600');
  t.is(server.seen.length, 1);
});

test('HttpClient › an attempt past timeoutMs is retried, then reported as a timeout', async (t) => {
  const server = await startServer(t, (_n, req, res) => {
    if (req.url === '/v1/tenant/egress-pools') json(res, 200, { data: [], nextCursor: null });
    // Requests to /v1/tenant never get an answer.
  });
  const caravan = new Caravan({
    apiKey: 'ck_test',
    baseUrl: server.url,
    timeoutMs: 200,
    maxRetries: 1,
    retryBaseDelayMs: 1,
  });
  const error = await t.throwsAsync(caravan.tenant.get(), { instanceOf: CaravanTimeoutError });
  t.true(error instanceof CaravanConnectionError);
  t.deepEqual(
    server.seen.map((r) => r.url),
    ['/v1/tenant', '/v1/tenant'],
    'one attempt and one retry',
  );
  // A per-call limit overrides the client's.
  t.deepEqual((await caravan.tenant.listEgressPools({}, { timeoutMs: 60_000 })).data, []);
});

test('HttpClient › an AbortSignal ends the call at once, also while waiting to retry', async (t) => {
  const server = await startServer(t, (_n, _req, res) =>
    json(res, 503, problem(503, 'CARAVAN_LOG_UNAVAILABLE'), { 'retry-after': '30' }),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url });
  const controller = new AbortController();
  const call = caravan.deliveries.retry('dlv_01', { signal: controller.signal });
  while (server.seen.length === 0) await new Promise((r) => setTimeout(r, 10));
  controller.abort(new Error('user went away'));
  await t.throwsAsync(call, { message: 'user went away' });
  t.is(server.seen.length, 1);
});

test('HttpClient › a refused connection is a CaravanConnectionError after the retries', async (t) => {
  const server = await startServer(t, () => undefined);
  const url = server.url;
  const caravan = new Caravan({
    apiKey: 'ck_test',
    baseUrl: url.replace(/:\d+$/, ':1'),
    retryBaseDelayMs: 1,
  });
  await t.throwsAsync(caravan.tenant.get(), { instanceOf: CaravanConnectionError });
});

test('HttpClient › for await walks every page with the same filters', async (t) => {
  const pages: Record<string, { data: { id: string }[]; nextCursor: string | null }> = {
    '': { data: [{ id: 'dlv_3' }, { id: 'dlv_2' }], nextCursor: 'c1' },
    c1: { data: [{ id: 'dlv_1' }], nextCursor: null },
  };
  const server = await startServer(t, (_n, req, res) => {
    const cursor = new URL(req.url, 'http://x').searchParams.get('cursor') ?? '';
    json(res, 200, pages[cursor]);
  });
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: `${server.url}/` });
  const ids: string[] = [];
  for await (const d of caravan.deliveries.list({ status: 'failed', limit: 2 })) ids.push(d.id);
  t.deepEqual(ids, ['dlv_3', 'dlv_2', 'dlv_1']);
  t.deepEqual(
    server.seen.map((r) => r.url),
    ['/v1/deliveries?status=failed&limit=2', '/v1/deliveries?status=failed&limit=2&cursor=c1'],
  );
  const first = await caravan.deliveries.list({ status: 'failed' });
  t.is(first.nextCursor, 'c1');
});

test('Caravan › names the bad option', (t) => {
  t.throws(() => new Caravan({ apiKey: '', baseUrl: 'http://127.0.0.1' }), { message: /`apiKey`/ });
  t.throws(() => new Caravan({ apiKey: 'k', baseUrl: '127.0.0.1:8080' }), { message: /`baseUrl`/ });
  t.throws(() => new Caravan({ apiKey: 'k', baseUrl: 'http://x', maxRetries: -1 }), {
    message: /`maxRetries`/,
  });
});

test('HttpClient › after a lost answer, events keyed by the call are new to the caller; its own keys stay duplicates', async (t) => {
  const server = await startServer(t, (n, _req, res) =>
    n === 0
      ? res.socket!.destroy()
      : json(res, 202, {
          data: [
            { id: 'evt_1', duplicate: true },
            { id: 'evt_2', duplicate: true },
          ],
        }),
  );
  const caravan = new Caravan({ apiKey: 'ck_test', baseUrl: server.url, retryBaseDelayMs: 1 });
  const sent = await caravan.events.sendBatch({
    events: [
      { eventType: 'a.b', payload: 1 },
      { eventType: 'a.b', payload: 2, idempotencyKey: 'mine' },
    ],
  });
  t.deepEqual(sent.data, [
    { id: 'evt_1', duplicate: false },
    { id: 'evt_2', duplicate: true },
  ]);
  t.is(server.seen.length, 2);
  t.is(server.seen[0]!.body, server.seen[1]!.body, 'the retry sends the same keys');
});
