import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import Koa from 'koa';
import { dashboardRoutes } from './dashboardRoutes.js';
import { startServer } from './startServer.js';

function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caravan-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Caravan</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

async function serve(dir: string, portalFrameAncestors: string[] = []) {
  const app = new Koa();
  app.use(dashboardRoutes({ dir, portalFrameAncestors }));
  app.use((ctx) => {
    ctx.body = 'next';
  });
  return startServer(app, '127.0.0.1', 0);
}

test('dashboardRoutes › serves the page at /dashboard with a CSP, no framing and revalidation', async (t) => {
  const server = await serve(builtApp());
  t.teardown(() => server.close());
  const res = await fetch(`${server.url}/dashboard`);
  t.is(res.status, 200);
  t.regex(res.headers.get('content-type') ?? '', /^text\/html/);
  t.is(res.headers.get('cache-control'), 'no-cache');
  t.is(res.headers.get('x-frame-options'), 'DENY');
  const csp = res.headers.get('content-security-policy') ?? '';
  t.true(csp.includes("script-src 'self'"));
  t.true(csp.includes("connect-src 'self'"));
  t.true(csp.includes("frame-ancestors 'none'"));
  t.is(await res.text(), '<!doctype html><title>Caravan</title>');
});

test('dashboardRoutes › any deeper path answers the page (the app routes in the hash)', async (t) => {
  const server = await serve(builtApp());
  t.teardown(() => server.close());
  for (const path of ['/dashboard/', '/dashboard/endpoints/ep_1', '/portal', '/portal/x']) {
    const res = await fetch(`${server.url}${path}`);
    t.is(res.status, 200, path);
    t.is(await res.text(), '<!doctype html><title>Caravan</title>', path);
  }
});

test('dashboardRoutes › hashed assets are cached for good; missing ones are 404', async (t) => {
  const server = await serve(builtApp());
  t.teardown(() => server.close());
  const res = await fetch(`${server.url}/dashboard/assets/index-abc123.js`);
  t.is(res.status, 200);
  t.regex(res.headers.get('content-type') ?? '', /javascript/);
  t.is(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  t.is(res.headers.get('x-content-type-options'), 'nosniff');
  t.is((await fetch(`${server.url}/dashboard/assets/nope.js`)).status, 404);
  t.is((await fetch(`${server.url}/dashboard/assets/..%2F..%2Fpackage.json`)).status, 404);
});

test('dashboardRoutes › the portal may be framed only by the configured origins', async (t) => {
  const server = await serve(builtApp(), ['https://app.example.com', "'self'"]);
  t.teardown(() => server.close());
  const res = await fetch(`${server.url}/portal`);
  t.true(
    (res.headers.get('content-security-policy') ?? '').includes(
      "frame-ancestors https://app.example.com 'self'",
    ),
  );
  t.is(res.headers.get('x-frame-options'), null);
  const dashboard = await fetch(`${server.url}/dashboard`);
  t.true((dashboard.headers.get('content-security-policy') ?? '').includes("frame-ancestors 'none'"));
});

test('dashboardRoutes › without a built app it says how to build it; other paths pass through', async (t) => {
  const server = await serve(mkdtempSync(join(tmpdir(), 'caravan-web-empty-')));
  t.teardown(() => server.close());
  const res = await fetch(`${server.url}/dashboard`);
  t.is(res.status, 503);
  t.regex(await res.text(), /npm run build/);
  t.is(await (await fetch(`${server.url}/v1/endpoints`)).text(), 'next');
  t.is(await (await fetch(`${server.url}/dashboards`)).text(), 'next');
});
