import { createInternalLog } from '@caravan/core';
import { createApp } from '../../server/createApp.js';
import { createServices } from '../../server/createServices.js';
import { startServer } from '../../server/startServer.js';
import { caravanVersion } from '../paths.js';
import { createRuntime, migrator, untilSignal } from '../runtime.js';

/** `caravan api`: the public REST API on the configured database. */
export async function api(options: { config?: string }): Promise<void> {
  const runtime = createRuntime({ role: 'api', configFile: options.config });
  const { config, logger, db } = runtime;
  const { pending } = await migrator(db).status();
  if (pending.length) {
    logger.warn({ pending }, 'the database schema is behind this version: run `caravan migrate latest`');
  }
  // Ingest appends to the internal log: without it no event can be accepted, so start fails loudly.
  const log = createInternalLog(config.log, { db, logger });
  await log.init();
  const services = createServices({ config, db, limiterStore: runtime.limiterStore, log });
  // A plugin of sources.plugins that cannot load fails the start, not a tenant's first request.
  await services.sources.listTypes().catch(async (error: unknown) => {
    await log.close();
    await runtime.close();
    throw error;
  });
  const server = await startServer(
    await createApp({ db, version: caravanVersion, services, logger }),
    config.listen.host,
    config.listen.port,
  );
  logger.info({ url: server.url, version: caravanVersion }, 'api listening');
  const signal = await untilSignal();
  logger.info({ signal }, 'stopping');
  await server.close();
  await log.close();
  await runtime.close();
}
