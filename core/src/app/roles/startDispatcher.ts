import { countingAttempts } from '../../stats/countingStores.js';
import {
  BreakerGate,
  EgressRouter,
  EndpointCache,
  HttpSender,
  createDispatcher,
  endpointRateLimitGate,
  loadFromRepository,
  tenantRateLimitGate,
  withOperationsTargets,
} from '../../dispatcher/index.js';
import { DestinationSender } from '../../destinations/DestinationSender.js';
import { ProducerPool } from '../../destinations/ProducerPool.js';
import { TenantLimitsCache } from '../../limits/TenantLimitsCache.js';
import type { RoleDeps, RunningRole } from '../Runtime.js';

/** The dispatcher: `deliveries` → gates → signed request through the endpoint's egress → outcome. */
export async function startDispatcher(deps: RoleDeps): Promise<RunningRole> {
  const { config, storage, keyRing, clock, limiterStore } = deps;
  const logger = deps.logger.child({ role: 'dispatcher' });
  const { tenants } = storage;
  const endpoints = new EndpointCache({
    load: withOperationsTargets(loadFromRepository({ endpoints: storage.endpoints, keyRing }), {
      tenants,
      keyRing,
    }),
    clock,
  });
  const breaker = new BreakerGate({
    store: storage.breakers,
    clock,
    logger,
    settings: config.dispatcher.breaker,
    onDisabled: (tenantId, endpointId) => endpoints.markDisabled(tenantId, endpointId, 'continuous_failure'),
  });
  const http = new HttpSender({ allowedCidrs: [...config.ssrf.allowedCidrs], clock });
  // Endpoints with a broker destination are written through their plugin; every other one over HTTP.
  const sender = new DestinationSender({
    http,
    producers: new ProducerPool({ plugins: deps.destinations, clock, logger }),
    clock,
  });
  const egress = new EgressRouter({
    pools: storage.egressPools,
    tenantDefaultPool: async (tenantId) => (await tenants.get(tenantId))?.defaultEgressPoolId ?? null,
    connect: http.connectOptions(),
    clock,
    logger,
  });
  const tenantLimits = new TenantLimitsCache({
    load: async (tenantId) => (await tenants.get(tenantId))?.limits,
    clock,
  });
  const dispatcher = createDispatcher({
    log: deps.log,
    deliveries: countingAttempts(storage.dispatch, storage.tenantStats, logger),
    endpoints,
    sender,
    egressFor: (endpoint) => egress.routeFor(endpoint),
    clock,
    logger,
    userAgent: `Caravan/${deps.version}`,
    telemetry: deps.telemetry,
    memoryBudgetBytes: config.dispatcher.memoryBudgetBytes,
    // Counters in the limiter store: Redis when configured, so the limits hold across dispatchers.
    // The breaker comes last: it claims its half-open probe only for a request the limits let through.
    gates: [
      tenantRateLimitGate({ store: limiterStore, tenantLimits: (id) => tenantLimits.get(id) }),
      endpointRateLimitGate({ store: limiterStore }),
      breaker,
    ],
  });
  await dispatcher.start();
  return {
    name: 'dispatcher',
    async stop() {
      await dispatcher.stop();
      await breaker.close();
      await Promise.all([sender.close(), egress.close()]);
    },
  };
}
