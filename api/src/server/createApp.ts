import Koa from 'koa';
import type { Registry } from 'prom-client';
import {
  createMetricsRegistry,
  registerBreakerMetrics,
  registerSourceMetrics,
  type Logger,
  type Storage,
} from '@caravan/core';
import { httpMetrics } from '../http/httpMetrics.js';
import { problemFallback } from '../http/problemFallback.js';
import { bodyLimits } from '../operations/bodyLimits.js';
import { handlers } from '../operations/handlers.js';
import { createApiMiddleware } from './createApiMiddleware.js';
import { dashboardRoutes, type DashboardOptions } from './dashboardRoutes.js';
import { devInboxRoutes } from './devInbox/devInboxRoutes.js';
import type { InboxStore } from './devInbox/InboxStore.js';
import { loadContract } from './loadContract.js';
import type { MetricsAccess } from './metricsRoute.js';
import { opsRoutes } from './opsRoutes.js';
import type { Services } from './Services.js';

export interface AppDeps {
  /** Readiness (`/readyz`), and the per-source counters and open breakers `/metrics` shows. */
  storage: Pick<Storage, 'ping' | 'sourceMetrics' | 'breakers'>;
  version: string;
  services: Services;
  logger: Logger;
  /** The process's registry (`runtime.metrics`); default a new one. */
  metrics?: Registry;
  /** Who may read `/metrics`; default anyone (the `caravan` commands pass the `metrics` configuration). */
  metricsAccess?: MetricsAccess;
  /** A `tenant` label on the installation-wide gauges (`metrics.tenantLabels`). Default off. */
  tenantLabels?: boolean;
  /** Serve the dashboard and the customer portal (`/dashboard`, `/portal`) from this built app. */
  dashboard?: DashboardOptions;
  /** Serve the test request inbox (`/dev/inboxes`) from this store; off when absent. */
  devInbox?: InboxStore;
}

/** The HTTP application: ops routes outside the contract in front of the public API under `/v1`. */
export async function createApp(deps: AppDeps): Promise<Koa> {
  const { storage, version, services, logger } = deps;
  const contract = loadContract();
  const registry = deps.metrics ?? createMetricsRegistry();
  registerSourceMetrics(registry, storage.sourceMetrics);
  registerBreakerMetrics(registry, storage.breakers, { tenantLabels: deps.tenantLabels ?? false });
  const metricsAccess = deps.metricsAccess ?? { token: null, requireToken: false };
  const app = new Koa();
  app.use(problemFallback(logger));
  // Koa reports here what happens after the answer began (a socket that broke mid-request, mostly):
  // a client hanging up is its business; anything else is logged with the application's logger.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (isClientHangUp(error)) logger.debug({ err: error }, 'client closed the connection');
    else logger.error({ err: error }, 'unexpected HTTP error');
  });
  app.use(
    opsRoutes({
      ping: () => storage.ping(),
      version,
      contractText: contract.text,
      metrics: registry,
      metricsAccess,
    }),
  );
  if (deps.dashboard) app.use(dashboardRoutes(deps.dashboard));
  if (deps.devInbox) app.use(devInboxRoutes(deps.devInbox));
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
