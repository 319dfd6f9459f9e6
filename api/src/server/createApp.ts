import Koa from 'koa';
import type { Registry } from 'prom-client';
import { createMetricsRegistry, registerSourceMetrics, type Logger, type Storage } from '@caravan/core';
import { httpMetrics } from '../http/httpMetrics.js';
import { problemFallback } from '../http/problemFallback.js';
import { bodyLimits } from '../operations/bodyLimits.js';
import { handlers } from '../operations/handlers.js';
import { createApiMiddleware } from './createApiMiddleware.js';
import { dashboardRoutes, type DashboardOptions } from './dashboardRoutes.js';
import { loadContract } from './loadContract.js';
import { opsRoutes } from './opsRoutes.js';
import type { Services } from './Services.js';

export interface AppDeps {
  /** Readiness (`/readyz`) and the per-source counters `/metrics` shows. */
  storage: Pick<Storage, 'ping' | 'sourceMetrics'>;
  version: string;
  services: Services;
  logger: Logger;
  metrics?: Registry;
  /** Serve the dashboard and the customer portal (`/dashboard`, `/portal`) from this built app. */
  dashboard?: DashboardOptions;
}

/** The HTTP application: ops routes outside the contract in front of the public API under `/v1`. */
export async function createApp({
  storage,
  version,
  services,
  logger,
  metrics,
  dashboard,
}: AppDeps): Promise<Koa> {
  const contract = loadContract();
  const registry = metrics ?? createMetricsRegistry();
  registerSourceMetrics(registry, storage.sourceMetrics);
  const app = new Koa();
  app.use(problemFallback(logger));
  // Koa reports here what happens after the answer began (a socket that broke mid-request, mostly):
  // a client hanging up is its business; anything else is logged with the application's logger.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (isClientHangUp(error)) logger.debug({ err: error }, 'client closed the connection');
    else logger.error({ err: error }, 'unexpected HTTP error');
  });
  app.use(opsRoutes({ ping: () => storage.ping(), version, contractText: contract.text, metrics: registry }));
  if (dashboard) app.use(dashboardRoutes(dashboard));
  app.use(httpMetrics(registry));
  app.use(await createApiMiddleware({ document: contract.document, handlers, bodyLimits, services, logger }));
  return app;
}

function isClientHangUp(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return (
    code.startsWith('HPE_') ||
    ['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code) ||
    error.message === 'aborted'
  );
}
