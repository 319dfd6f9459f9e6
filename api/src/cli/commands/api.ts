import { listen } from '../listen.js';
import { keepTracing, openRuntime, serveUntilSignal } from '../runtime.js';

/** `caravan api`: the public REST API on the configured database. */
export async function api(options: { config?: string }): Promise<void> {
  const runtime = openRuntime({ role: 'api', configFile: options.config });
  const { logger } = runtime;
  await serveUntilSignal(runtime, async (keep) => {
    await keepTracing(runtime, 'api', keep);
    const { pending } = await runtime.migrator.status();
    if (pending.length) {
      logger.warn({ pending }, 'the database schema is behind this version: run `caravan migrate latest`');
    }
    // Ingest appends to the internal log: without it no event can be accepted, so start fails loudly.
    await runtime.log.init();
    // A source or destination plugin that cannot load fails the start, not a tenant's first request;
    // each is loaded here when first used.
    await runtime.plugins.verify();
    await runtime.destinations.verify();
    const server = await listen(runtime);
    keep({ stop: () => server.close() });
    logger.info({ url: server.url, version: runtime.version }, 'api listening');
  });
}
