import { caravanClient } from '../../tests/support/caravanClient.js';
import type { Installation } from '../harness/installation.js';
import { sendBatches } from '../harness/producer.js';
import { summarise } from '../harness/stats.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { BenchContext, LatencySummary, Scenario } from '../harness/types.js';
import { arrivalSpan, waitForDeliveries } from '../harness/waitForDeliveries.js';

const ENDPOINT_LIMIT = 50;
const TENANT_LIMIT = 100;
const TENANT_ENDPOINTS = 8;

interface Held {
  /** Deliveries per second between the first and the last full second of arrivals. */
  steadyMean: number;
  /** The busiest clock second. */
  peakSecond: number;
  seconds: number;
  requests: number;
  unique: number;
  latencies: LatencySummary;
}

/** Sends `events` under `tag` and reads how fast they arrived, second by second. */
async function measureHeld(
  ctx: BenchContext,
  caravan: Installation,
  key: string,
  tag: string,
  events: number,
  eventType: (n: number) => string,
): Promise<Held> {
  await sendBatches({ apiUrl: caravan.apiUrl, key, tag, eventType }, events, { batchSize: 100, inFlight: 2 });
  await waitForDeliveries(ctx.receiver, tag, events, ctx.note);
  const stats = await ctx.receiver.tag(tag);
  const { perSecond } = arrivalSpan(stats.arrivals);
  // The first and last seconds are partial: the run starts and ends inside them.
  const steady = perSecond.length > 4 ? perSecond.slice(1, -1) : perSecond;
  return {
    steadyMean: Number((steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length)).toFixed(2)),
    peakSecond: Math.max(0, ...perSecond),
    seconds: perSecond.length,
    requests: stats.answered,
    unique: stats.unique,
    latencies: summarise(stats.latencies),
  };
}

/**
 * Rate limits held across two `caravan worker --roles dispatcher` processes sharing Redis: one endpoint
 * limited to 50 deliveries/s, and a tenant limited to 100 deliveries/s over 8 endpoints whose records are
 * spread over the partitions of both dispatchers. Reports the steady per-second arrival rate against the
 * configured limit, and the busiest second (a fixed window lets up to twice the limit into one clock
 * second at a window edge).
 */
export const scenario: Scenario = {
  name: 'rate-limits',
  description: 'endpoint and tenant delivery limits held across two dispatcher processes (Redis)',
  backends: ['mariadb-kafka'],
  async run(ctx) {
    const endpointEvents = ctx.smoke ? 60 : 3000;
    const tenantEvents = ctx.smoke ? 120 : 6000;
    const caravan = await ctx.install({ dispatchers: 2 });

    const single = await createBenchTenant(caravan, ctx.receiver, {
      label: 'limit-ep',
      endpoints: 1,
      eventTypes: () => ['bench.limited'],
      endpointFields: { rateLimit: { perSecond: ENDPOINT_LIMIT } },
    });
    const endpoint = await measureHeld(
      ctx,
      caravan,
      single.key,
      'limit-ep',
      endpointEvents,
      () => 'bench.limited',
    );

    const many = await createBenchTenant(caravan, ctx.receiver, {
      label: 'limit-tn',
      endpoints: TENANT_ENDPOINTS,
      eventTypes: (i) => [`bench.t${i}`],
    });
    await caravanClient(caravan.apiUrl, caravan.adminKey).tenants.update(many.id, {
      limits: { deliveriesPerSecond: TENANT_LIMIT },
    });
    // The dispatchers' tenant-limits cache picks the change up within about five seconds.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const tenant = await measureHeld(
      ctx,
      caravan,
      many.key,
      'limit-tn',
      tenantEvents,
      (n) => `bench.t${n % TENANT_ENDPOINTS}`,
    );

    const held = (h: Held, limit: number) => h.steadyMean <= limit * 1.05 && h.steadyMean >= limit * 0.9;
    return {
      metrics: {
        dispatcherProcesses: 2,
        endpointLimitPerSecond: ENDPOINT_LIMIT,
        endpointSteadyPerSecond: endpoint.steadyMean,
        endpointPeakSecond: endpoint.peakSecond,
        endpointSeconds: endpoint.seconds,
        tenantLimitPerSecond: TENANT_LIMIT,
        tenantSteadyPerSecond: tenant.steadyMean,
        tenantPeakSecond: tenant.peakSecond,
        tenantSeconds: tenant.seconds,
        duplicates: endpoint.requests - endpoint.unique + tenant.requests - tenant.unique,
      },
      rates: { endpointLimitedPerSecond: endpoint.steadyMean, tenantLimitedPerSecond: tenant.steadyMean },
      latencies: {
        endpointLimitedIngestToReceipt: endpoint.latencies,
        tenantLimitedIngestToReceipt: tenant.latencies,
      },
      expected: endpointEvents + tenantEvents,
      delivered: endpoint.unique + tenant.unique,
      targets: ctx.smoke
        ? {}
        : {
            'endpoint limit held: steady rate within [0.9, 1.05] × limit': {
              met: held(endpoint, ENDPOINT_LIMIT),
              value: endpoint.steadyMean,
              limit: ENDPOINT_LIMIT,
            },
            'tenant limit held across both dispatchers: steady rate within [0.9, 1.05] × limit': {
              met: held(tenant, TENANT_LIMIT),
              value: tenant.steadyMean,
              limit: TENANT_LIMIT,
            },
          },
    };
  },
};
