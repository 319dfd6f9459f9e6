import { sendBatches, sendPaced } from '../harness/producer.js';
import { summarise } from '../harness/stats.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { Scenario } from '../harness/types.js';
import { waitForDeliveries } from '../harness/waitForDeliveries.js';

const SLOW_MS = 10_000;

/**
 * Tenant B sends at a steady rate to fast endpoints, first alone, then while tenant A has a large
 * backlog for an endpoint that takes 10 s to answer. B's ingest → receipt latency in both phases.
 */
export const scenario: Scenario = {
  name: 'noisy-neighbour',
  description:
    "tenant A floods a slow (10 s) endpoint with a 100k backlog; tenant B's latency with and without A",
  backends: ['mariadb-kafka', 'dev'],
  async run(ctx) {
    const backlog = ctx.smoke ? 300 : 100_000;
    const bRate = ctx.smoke ? 10 : 20;
    const bSeconds = ctx.smoke ? 2 : 30;
    const caravan = await ctx.install();
    const a = await createBenchTenant(caravan, ctx.receiver, {
      label: 'nnA',
      endpoints: 1,
      eventTypes: () => ['bench.flood'],
    });
    const b = await createBenchTenant(caravan, ctx.receiver, {
      label: 'nnB',
      endpoints: 2,
      eventTypes: () => ['bench.steady'],
    });
    await ctx.receiver.setBehaviour({ delays: { '/nnA/': SLOW_MS } });
    const steady = (tag: string, offset: number) =>
      sendPaced(
        { apiUrl: caravan.apiUrl, key: b.key, tag, eventType: () => 'bench.steady' },
        bRate,
        bSeconds,
        offset,
      );

    ctx.note(`B alone: ${bRate} events/s for ${bSeconds} s`);
    const alone = await steady('b-alone', 0);
    await waitForDeliveries(ctx.receiver, 'b-alone', alone.events * 2, ctx.note);

    ctx.note(`A floods: ${backlog} events for an endpoint answering in ${SLOW_MS / 1000} s`);
    const flood = await sendBatches(
      { apiUrl: caravan.apiUrl, key: a.key, tag: 'a-flood', eventType: () => 'bench.flood' },
      backlog,
      { batchSize: 500, inFlight: 2 },
    );
    ctx.note(`B with A: ${bRate} events/s for ${bSeconds} s`);
    const withA = await steady('b-with-a', alone.events);
    await waitForDeliveries(ctx.receiver, 'b-with-a', withA.events * 2, ctx.note);

    const stats = await ctx.receiver.stats();
    const latencyAlone = summarise(stats.tags['b-alone']!.latencies);
    const latencyWithA = summarise(stats.tags['b-with-a']!.latencies);
    await ctx.receiver.setBehaviour({});
    const limit = Number((1.5 * latencyAlone.p99).toFixed(1));
    return {
      metrics: {
        backlogA: backlog,
        floodIngestEventsPerSecond: flood.eventsPerSecond,
        aDeliveredDuringRun: stats.tags['a-flood']?.answered ?? 0,
        bEventsPerSecond: bRate,
        bSecondsPerPhase: bSeconds,
        badSignatures: stats.badSignatures,
      },
      rates: {
        bDeliveriesPerSecondWithA: Math.round((withA.events * 2) / withA.seconds),
      },
      latencies: { bAlone: latencyAlone, bWithA: latencyWithA, bIngestWithA: summarise(withA.latencies) },
      expected: (alone.events + withA.events) * 2,
      delivered: stats.tags['b-alone']!.unique + stats.tags['b-with-a']!.unique,
      targets: {
        "B's p99 with A ≤ 1.5 × without": { met: latencyWithA.p99 <= limit, value: latencyWithA.p99, limit },
      },
    };
  },
};
