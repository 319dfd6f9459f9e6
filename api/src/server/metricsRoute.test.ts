import test, { type ExecutionContext } from 'ava';
import Koa from 'koa';
import { Counter, Registry } from 'prom-client';
import { metricsRoute, type MetricsAccess } from './metricsRoute.js';
import { startServer } from './startServer.js';

async function serve(t: ExecutionContext, access: MetricsAccess) {
  const registry = new Registry();
  new Counter({ name: 'caravan_test_total', help: 'a test counter', registers: [registry] }).inc(2);
  const app = new Koa();
  app.use(metricsRoute(registry, access));
  const server = await startServer(app, '127.0.0.1', 0);
  t.teardown(() => server.close());
  // Raw fetch: /metrics is outside the API contract.
  return (authorization?: string) =>
    fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {});
}

test('metricsRoute › with a token, only a request bearing it is answered', async (t) => {
  const get = await serve(t, { token: 'a-token-of-sixteen-chars', requireToken: true });
  const none = await get();
  t.is(none.status, 401);
  t.is(none.headers.get('www-authenticate'), 'Bearer realm="metrics"');
  t.is((await get('Bearer a-token-of-sixteen-charz')).status, 401);
  t.is((await get('Basic a-token-of-sixteen-chars')).status, 401);
  const ok = await get('Bearer a-token-of-sixteen-chars');
  t.is(ok.status, 200);
  t.regex(await ok.text(), /caravan_test_total 2/);
});

test('metricsRoute › required but not set: off, naming the setting; not required: open', async (t) => {
  const off = await (await serve(t, { token: null, requireToken: true }))();
  t.is(off.status, 404);
  t.regex(await off.text(), /metrics\.token \(CARAVAN_METRICS_TOKEN\)/);
  const open = await (await serve(t, { token: null, requireToken: false }))();
  t.is(open.status, 200);
});
