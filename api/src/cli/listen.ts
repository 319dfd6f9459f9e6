import type { Runtime } from '@caravan/core';
import { createApp } from '../server/createApp.js';
import { createServices } from '../server/createServices.js';
import { InboxStore } from '../server/devInbox/InboxStore.js';
import { dashboardDir } from './paths.js';
import { startServer, type RunningServer } from '../server/startServer.js';
import { warnWhenMetricsOff } from '../server/metricsRoute.js';

/** The REST API on the runtime's services, listening on `listen.host:listen.port`. */
export async function listen(runtime: Runtime): Promise<RunningServer> {
  const { config, logger, storage, version } = runtime;
  const app = await createApp({
    storage,
    version,
    services: createServices(runtime),
    logger,
    metrics: runtime.metrics,
    metricsAccess: config.metrics,
    tenantLabels: config.metrics.tenantLabels,
    dashboard: { dir: dashboardDir, portalFrameAncestors: config.portal.frameAncestors },
    ...(config.devInbox.enabled ? { devInbox: new InboxStore() } : {}),
  });
  warnWhenMetricsOff(runtime);
  return startServer(app, config.listen.host, config.listen.port);
}
