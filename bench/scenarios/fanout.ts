import { sendBatches } from '../harness/producer.js';
import { summarise } from '../harness/stats.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { Scenario } from '../harness/types.js';
import { waitForDeliveries } from '../harness/waitForDeliveries.js';

/** One event type subscribed by 100 endpoints; 1,000 events make 100,000 deliveries. */
export const scenario: Scenario = {
  name: 'fanout',
  description: 'one event type subscribed by 100 endpoints, 1,000 events',
  backends: ['mariadb-kafka', 'dev'],
  async run(ctx) {
    const endpoints = ctx.smoke ? 5 : 100;
    const events = ctx.smoke ? 20 : 1000;
    const caravan = await ctx.install();
    const tenant = await createBenchTenant(caravan, ctx.receiver, {
      label: 'fan',
      endpoints,
      eventTypes: () => ['bench.fanout'],
    });
    const expected = endpoints * events;
    const started = Date.now();
    const ingest = await sendBatches(
      { apiUrl: caravan.apiUrl, key: tenant.key, tag: 'fanout', eventType: () => 'bench.fanout' },
      events,
      { batchSize: 100, inFlight: 2 },
    );
    await waitForDeliveries(ctx.receiver, 'fanout', expected, ctx.note);
    const seconds = (Date.now() - started) / 1000;
    const stats = await ctx.receiver.stats();
    const fan = stats.tags.fanout!;
    const rss = caravan.peakRssMb();
    return {
      metrics: {
        endpoints,
        events,
        seconds: Number(seconds.toFixed(2)),
        requests: fan.answered,
        duplicates: fan.answered - fan.unique,
        badSignatures: stats.badSignatures,
        ...Object.fromEntries(Object.entries(rss).map(([k, v]) => [`peakRssMb.${k}`, v])),
      },
      rates: { deliveriesPerSecond: Math.round(expected / seconds) },
      latencies: { ingestBatchOf100: summarise(ingest.latencies), ingestToReceipt: summarise(fan.latencies) },
      expected,
      delivered: fan.unique,
      targets: ctx.smoke
        ? {}
        : {
            'peak RSS of each Caravan process ≤ 250 MB': {
              met: Math.max(...Object.values(rss)) <= 250,
              value: Math.max(...Object.values(rss)),
              limit: 250,
            },
          },
    };
  },
};
