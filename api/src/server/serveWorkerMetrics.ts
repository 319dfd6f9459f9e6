import type Koa from 'koa';
import type { Runtime } from '@caravan/core';
import { metricsRoute, warnWhenMetricsOff } from './metricsRoute.js';
import { startServer, type RunningServer } from './startServer.js';

/**
 * A worker's own `/metrics` (its dispatcher's attempts, queue depth, sources' backlogs, process
 * figures) and `/healthz`, on `listen.host:metrics.workerPort`, behind the same token as the API's.
 * Nothing when `metrics.workerPort` is not set.
 */
export async function serveWorkerMetrics(
  runtime: Pick<Runtime, 'config' | 'logger' | 'metrics' | 'version'>,
): Promise<(RunningServer & { stop(): Promise<void> }) | undefined> {
  const { config } = runtime;
  if (config.metrics.workerPort === null) return undefined;
  warnWhenMetricsOff(runtime);
  const metrics = metricsRoute(runtime.metrics, config.metrics);
  // Loaded only here: a worker without a metrics port loads no web framework.
  const { default: KoaApp } = (await import('koa')) as unknown as { default: typeof Koa };
  const app = new KoaApp();
  app.use(async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') ctx.status = 405;
    else if (ctx.path === '/metrics') await metrics(ctx, next);
    else if (ctx.path === '/healthz') ctx.body = { status: 'ok', version: runtime.version };
    else ctx.status = 404;
  });
  const server = await startServer(app, config.listen.host, config.metrics.workerPort);
  return { ...server, stop: () => server.close() };
}
