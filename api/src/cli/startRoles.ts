import { hostname } from 'node:os';
import {
  EndpointCache,
  EventIngestService,
  EventTypeService,
  KnexEventRepository,
  KnexEventTypeRepository,
  KnexTenantRepository,
  PluginRegistry,
  createSourceRunner,
  EgressRouter,
  HttpSender,
  KeyRing,
  KnexDeliveryRepository,
  KnexDispatchRepository,
  KnexEgressPoolRepository,
  KnexEndpointRepository,
  KnexJobRepository,
  KnexSchedulerRepository,
  createDispatcher,
  BreakerGate,
  KnexBreakerStore,
  withOperationsTargets,
  createJobRunner,
  replayEventJob,
  KnexRoutingRepository,
  createRouter,
  createScheduler,
  loadFromRepository,
  TenantLimitsCache,
  createIngestLimiter,
  endpointRateLimitGate,
  systemClock,
  tenantRateLimitGate,
  type InternalLog,
} from '@caravan/core';
import type { WorkerRole } from './commands/worker.js';
import { caravanVersion } from './paths.js';
import type { Runtime } from './runtime.js';

/** Something a worker runs until it is asked to stop. */
interface RunningRole {
  name: string;
  stop(): Promise<void>;
}

/**
 * Starts the pipeline roles on one internal log: router (events → deliveries), dispatcher (sends),
 * scheduler (due retries and background jobs), sources (broker consumers). Stopping hands back in-flight work: each role commits
 * what is done and leaves the rest to be delivered again.
 */
export async function startRoles(roles: readonly WorkerRole[], runtime: Runtime, log: InternalLog) {
  const { config, db, logger, limiterStore } = runtime;
  const clock = systemClock;
  const running: RunningRole[] = [];
  const registry = new PluginRegistry(config.sources.plugins);
  // A plugin that cannot load stops the worker at start with its error (before any role runs), not
  // at a source's first use.
  if (roles.includes('sources')) await registry.load();
  if (roles.includes('router')) {
    const router = createRouter({ log, db, clock, logger: logger.child({ role: 'router' }) });
    await router.start();
    running.push({ name: 'router', stop: () => router.stop() });
  }
  if (roles.includes('dispatcher')) {
    const keyRing = new KeyRing(config.encryption);
    const tenants = new KnexTenantRepository({ db });
    const endpoints = new EndpointCache({
      load: withOperationsTargets(
        loadFromRepository({ endpoints: new KnexEndpointRepository({ db }), keyRing }),
        { tenants, keyRing },
      ),
      clock,
    });
    const breaker = new BreakerGate({
      store: new KnexBreakerStore({ db }),
      clock,
      logger: logger.child({ role: 'dispatcher' }),
      settings: config.dispatcher.breaker,
      onDisabled: (tenantId, endpointId) =>
        endpoints.markDisabled(tenantId, endpointId, 'continuous_failure'),
    });
    const sender = new HttpSender({ allowedCidrs: [...config.ssrf.allowedCidrs], clock });
    const egress = new EgressRouter({
      pools: new KnexEgressPoolRepository({ db }),
      tenantDefaultPool: async (tenantId) => (await tenants.get(tenantId))?.defaultEgressPoolId ?? null,
      connect: sender.connectOptions(),
      clock,
      logger: logger.child({ role: 'dispatcher' }),
    });
    const tenantLimits = new TenantLimitsCache({
      load: async (tenantId) => (await tenants.get(tenantId))?.limits,
      clock,
    });
    const dispatcher = createDispatcher({
      log,
      deliveries: new KnexDispatchRepository({ db }),
      endpoints,
      sender,
      egressFor: (endpoint) => egress.routeFor(endpoint),
      clock,
      logger: logger.child({ role: 'dispatcher' }),
      userAgent: `Caravan/${caravanVersion}`,
      // Counters in the limiter store: Redis when configured, so the limits hold across dispatchers.
      // The breaker comes last: it claims its half-open probe only for a request the limits let through.
      gates: [
        tenantRateLimitGate({ store: limiterStore, tenantLimits: (id) => tenantLimits.get(id) }),
        endpointRateLimitGate({ store: limiterStore }),
        breaker,
      ],
    });
    await dispatcher.start();
    running.push({
      name: 'dispatcher',
      async stop() {
        await dispatcher.stop();
        await breaker.close();
        await Promise.all([sender.close(), egress.close()]);
      },
    });
  }
  if (roles.includes('scheduler')) {
    const scheduler = createScheduler({
      log,
      deliveries: new KnexSchedulerRepository({ db }),
      clock,
      logger: logger.child({ role: 'scheduler' }),
    });
    scheduler.start();
    const jobRepository = new KnexJobRepository({ db });
    const deliveries = new KnexDeliveryRepository({ db });
    const jobs = createJobRunner({
      jobs: jobRepository,
      deliveries,
      clock,
      logger: logger.child({ role: 'jobs' }),
      extraHandlers: {
        event_replay: replayEventJob({
          events: new KnexEventRepository({ db }),
          routing: new KnexRoutingRepository({ db }),
          deliveries,
          jobs: jobRepository,
          clock,
        }),
      },
    });
    jobs.start();
    running.push(
      { name: 'scheduler', stop: () => scheduler.stop() },
      { name: 'jobs', stop: () => jobs.stop() },
    );
  }
  if (roles.includes('sources')) {
    const tenants = new KnexTenantRepository({ db });
    const ingest = new EventIngestService({
      log,
      events: new KnexEventRepository({ db }),
      eventTypes: new EventTypeService({ eventTypes: new KnexEventTypeRepository({ db }), clock }),
      tenantLimits: async (tenantId) => (await tenants.get(tenantId))?.limits,
      ingestLimiter: createIngestLimiter({ store: limiterStore }),
      clock,
    });
    const sources = createSourceRunner({
      db,
      registry,
      keyRing: new KeyRing(config.encryption),
      ingest,
      clock,
      logger: logger.child({ role: 'sources' }),
      workerId: `${hostname()}:${process.pid}`,
      leaseMs: 15_000,
    });
    await sources.start();
    running.push({ name: 'sources', stop: () => sources.stop() });
  }
  return {
    names: running.map((r) => r.name),
    async stop(): Promise<void> {
      // Reverse order: the dispatcher finishes what the router handed it before the log closes.
      for (const role of [...running].reverse()) await role.stop();
    },
  };
}
