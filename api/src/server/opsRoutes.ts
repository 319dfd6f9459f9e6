import { readFile } from 'node:fs/promises';
import { metricsRoute, type MetricsAccess } from './metricsRoute.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import type { Registry } from 'prom-client';

const swaggerUiDir = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
const docsAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'swagger-ui-standalone-preset.js': 'application/javascript',
};

const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Caravan API reference</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/openapi.yaml', dom_id: '#reference', deepLinking: true });
  </script>
</body>
</html>
`;

/**
 * Routes outside the contract: `/healthz` (liveness), `/readyz` (readiness, with each dependency's
 * state), `/metrics` (Prometheus), `/openapi.yaml` (the contract) and `/docs` (an API reference rendered
 * from it, with assets served from the swagger-ui-dist package: no CDN).
 */
export function opsRoutes(deps: {
  /** True when the database answers. */
  ping: () => Promise<boolean>;
  version: string;
  contractText: string;
  metrics: Registry;
  /** Who may read `/metrics` (see {@link metricsRoute}). */
  metricsAccess: MetricsAccess;
}): Middleware {
  const metrics = metricsRoute(deps.metrics, deps.metricsAccess);
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok', version: deps.version };
    } else if (ctx.path === '/readyz') {
      const database = await deps.ping();
      ctx.status = database ? 200 : 503;
      ctx.body = {
        status: database ? 'ready' : 'unavailable',
        checks: { database: database ? 'ok' : 'unreachable' },
      };
    } else if (ctx.path === '/metrics') {
      await metrics(ctx, next);
    } else if (ctx.path === '/openapi.yaml') {
      ctx.type = 'application/yaml';
      ctx.body = deps.contractText;
    } else if (ctx.path === '/docs' || ctx.path === '/docs/') {
      ctx.type = 'text/html';
      ctx.body = docsPage;
    } else if (ctx.path.startsWith('/docs/assets/') && docsAssets[ctx.path.slice('/docs/assets/'.length)]) {
      const name = ctx.path.slice('/docs/assets/'.length);
      ctx.type = docsAssets[name]!;
      ctx.set('cache-control', 'public, max-age=86400');
      ctx.body = await readFile(join(swaggerUiDir, name));
    } else {
      await next();
    }
  };
}
