import type { Runtime } from '@caravan/core';
import { createApp } from '../server/createApp.js';
import { createServices } from '../server/createServices.js';
import { dashboardDir } from './paths.js';
import { startServer, type RunningServer } from '../server/startServer.js';

/** The REST API on the runtime's services, listening on `listen.host:listen.port`. */
export async function listen(runtime: Runtime): Promise<RunningServer> {
  const { config, logger, storage, version } = runtime;
  const app = await createApp({
    storage,
    version,
    services: createServices(runtime),
    logger,
    dashboard: { dir: dashboardDir, portalFrameAncestors: config.portal.frameAncestors },
  });
  return startServer(app, config.listen.host, config.listen.port);
}
