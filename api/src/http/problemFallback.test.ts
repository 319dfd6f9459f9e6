import test from 'ava';
import Koa from 'koa';
import { pino } from 'pino';
import { startServer } from '../server/startServer.js';
import { problemFallback } from './problemFallback.js';

async function serve(handler: Koa.Middleware) {
  const lines: { msg: string }[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = new Koa();
  app.use(problemFallback(logger));
  app.use(handler);
  const server = await startServer(app, '127.0.0.1', 0);
  return { url: server.url, lines, close: () => server.close() };
}

test('problemFallback › an error thrown outside the API stages is an opaque problem+json 500, logged', async (t) => {
  const server = await serve(() => Promise.reject(new Error('an ops route broke')));
  t.teardown(() => server.close());
  const res = await fetch(`${server.url}/metrics`, { headers: { 'x-request-id': 'req-7' } });
  t.is(res.status, 500);
  t.regex(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  t.like(await res.json(), { code: 'CARAVAN_INTERNAL', requestId: 'req-7', instance: '/metrics' });
  t.is(server.lines.length, 1);
});

test('problemFallback › a body that cannot be serialised is a problem+json 500, not text/plain', async (t) => {
  const server = await serve((ctx) => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    ctx.body = { deep };
    return Promise.resolve();
  });
  t.teardown(() => server.close());
  const res = await fetch(server.url);
  t.is(res.status, 500);
  t.regex(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  t.like(await res.json(), { code: 'CARAVAN_INTERNAL' });
});

test('problemFallback › a JSON body is answered as JSON with its own media type', async (t) => {
  const server = await serve((ctx) => {
    ctx.body = { ok: true };
    ctx.type = 'application/problem+json';
    return Promise.resolve();
  });
  t.teardown(() => server.close());
  const res = await fetch(server.url);
  t.is(res.headers.get('content-type'), 'application/problem+json');
  t.deepEqual(await res.json(), { ok: true });
});
