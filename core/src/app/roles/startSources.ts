import { systemResolver } from '../../dispatcher/systemResolver.js';
import { SourceAddressGuard } from '../../sources/SourceAddressGuard.js';
import { createSourceRunner } from '../../sources/SourceRunner.js';
import type { RoleDeps, RunningRole } from '../Runtime.js';

/** A dead worker's sources move to the others within about this long. */
const SOURCE_LEASE_MS = 15_000;

/** The sources host: leases tenants' broker sources and runs their plugins' consumers. */
export async function startSources(deps: RoleDeps): Promise<RunningRole> {
  const { storage } = deps;
  const sources = createSourceRunner({
    leases: storage.sourceLeases({ workerId: deps.workerId, leaseMs: SOURCE_LEASE_MS }),
    deadLetters: storage.sources,
    metrics: storage.sourceMetrics,
    registry: deps.plugins,
    keyRing: deps.keyRing,
    ingest: deps.services.ingest,
    clock: deps.clock,
    logger: deps.logger.child({ role: 'sources' }),
    addressGuard: new SourceAddressGuard({
      allowedHosts: deps.config.sources.allowedHosts,
      allowedCidrs: deps.config.ssrf.allowedCidrs,
      resolve: systemResolver,
    }),
    telemetry: deps.telemetry,
  });
  await sources.start();
  return { name: 'sources', stop: () => sources.stop() };
}
