import { sendBatches } from '../harness/producer.js';
import { summarise } from '../harness/stats.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { Scenario } from '../harness/types.js';
import { arrivalSpan, waitForDeliveries } from '../harness/waitForDeliveries.js';

const ENDPOINT_RATE_LIMIT = 20;
/** Short steps so every delivery is retried while the receivers fail and soon after they recover. */
const RETRY_SCHEDULE = [2, 2, 2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];

/**
 * Every endpoint answers 503 for a while, then recovers. Measures the time from recovery until the whole
 * backlog is delivered, and each endpoint's highest per-second arrival rate while draining against its
 * configured limit (`rateLimit.perSecond`).
 */
export const scenario: Scenario = {
  name: 'retry-storm',
  description: 'all endpoints fail for 60 s then recover; drain time and drain rate per endpoint',
  backends: ['mariadb-kafka', 'dev'],
  async run(ctx) {
    const endpoints = ctx.smoke ? 2 : 10;
    const perEndpoint = ctx.smoke ? 10 : 500;
    const failSeconds = ctx.smoke ? 3 : 60;
    const caravan = await ctx.install();
    const tenant = await createBenchTenant(caravan, ctx.receiver, {
      label: 'storm',
      endpoints,
      eventTypes: (i) => [`bench.e${i}`],
      endpointFields: {
        rateLimit: { perSecond: ENDPOINT_RATE_LIMIT },
        retrySchedule: RETRY_SCHEDULE,
      },
    });
    await ctx.receiver.setBehaviour({ failStatus: 503 });
    const failStarted = Date.now();
    for (let i = 0; i < endpoints; i++) {
      await sendBatches(
        { apiUrl: caravan.apiUrl, key: tenant.key, tag: `storm-${i}`, eventType: () => `bench.e${i}` },
        perEndpoint,
        { batchSize: 100, inFlight: 2, offset: i * perEndpoint },
      );
    }
    const remaining = failSeconds * 1000 - (Date.now() - failStarted);
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    const before = await ctx.receiver.stats({ latencies: false });
    const refused = Object.values(before.tags).reduce((sum, t) => sum + t.refused, 0);
    await ctx.receiver.setBehaviour({ failStatus: null });
    const recovered = Date.now();
    ctx.note(`receivers recovered after ${refused} refused requests`);
    for (let i = 0; i < endpoints; i++) {
      await waitForDeliveries(ctx.receiver, `storm-${i}`, perEndpoint, ctx.note);
    }
    const drainSeconds = (Date.now() - recovered) / 1000;
    const stats = await ctx.receiver.stats();
    const recoveredSecond = Math.floor(recovered / 1000);
    let peak = 0;
    let delivered = 0;
    let requests = 0;
    const drainLatencies: number[] = [];
    const runRates: number[] = [];
    const waits: number[] = [];
    for (let i = 0; i < endpoints; i++) {
      const t = stats.tags[`storm-${i}`]!;
      delivered += t.unique;
      requests += t.answered;
      drainLatencies.push(...t.latencies);
      const drain = Object.fromEntries(
        Object.entries(t.arrivals).filter(([second]) => Number(second) > recoveredSecond),
      );
      const span = arrivalSpan(drain);
      peak = Math.max(peak, ...span.perSecond);
      if (span.perSecond.length > 0) {
        // From the endpoint's first delivery after the recovery (its breaker's probe passed) to its last.
        const count = span.perSecond.reduce((a, b) => a + b, 0);
        runRates.push(count / span.perSecond.length);
        waits.push(span.firstSecond - recoveredSecond);
      }
    }
    const mean = (values: number[]) =>
      Number((values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(2));
    const meanRun = mean(runRates);
    const total = endpoints * perEndpoint;
    return {
      metrics: {
        endpoints,
        eventsPerEndpoint: perEndpoint,
        failSeconds,
        refusedWhileFailing: refused,
        drainSeconds: Number(drainSeconds.toFixed(2)),
        configuredEndpointLimitPerSecond: ENDPOINT_RATE_LIMIT,
        peakEndpointArrivalsPerSecond: peak,
        meanEndpointDrainPerSecond: meanRun,
        slowestEndpointDrainPerSecond: Number(Math.min(...runRates).toFixed(2)),
        meanSecondsBeforeEndpointDrains: mean(waits),
        duplicates: requests - delivered,
        badSignatures: stats.badSignatures,
      },
      rates: { drainDeliveriesPerSecond: Number((total / drainSeconds).toFixed(2)) },
      latencies: { ingestToReceipt: summarise(drainLatencies) },
      expected: total,
      delivered,
      targets: {
        "each endpoint's drain runs at ≥ 0.8 × its limit (mean, from its first delivery after recovery)": {
          met: meanRun >= 0.8 * ENDPOINT_RATE_LIMIT,
          value: meanRun,
          limit: 0.8 * ENDPOINT_RATE_LIMIT,
        },
        'whole drain, recovery → last delivery (breaker probe waits included) at ≥ 0.8 × the limits': {
          met: total / drainSeconds >= 0.8 * endpoints * ENDPOINT_RATE_LIMIT,
          value: Number((total / drainSeconds).toFixed(2)),
          limit: 0.8 * endpoints * ENDPOINT_RATE_LIMIT,
        },
        'drain respects the endpoint rate limit (peak arrivals/s ≤ limit + burst)': {
          met: peak <= 2 * ENDPOINT_RATE_LIMIT,
          value: peak,
          limit: 2 * ENDPOINT_RATE_LIMIT,
        },
      },
    };
  },
};
