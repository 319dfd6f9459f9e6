import { sendBatches, sendPaced } from '../harness/producer.js';
import { summarise } from '../harness/stats.js';
import { stageLatencies } from '../harness/stageLatencies.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { Scenario } from '../harness/types.js';
import { waitForDeliveries } from '../harness/waitForDeliveries.js';

const SLOW_MS = 10_000;
/**
 * How long A's pace is watched after B stops, and the window its pace beside B is taken over: A's
 * endpoint answers in `SLOW_MS`, so its requests come in rounds, and both windows span the same whole
 * number of rounds.
 */
const AFTER_SECONDS = 30;

/** Arrivals per second between two epoch seconds (inclusive). */
function ratePer(arrivals: Record<string, number>, from: number, to: number): number {
  if (to < from) return 0;
  let count = 0;
  for (let s = from; s <= to; s++) count += arrivals[String(s)] ?? 0;
  return Number((count / (to - from + 1)).toFixed(2));
}

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
    const aloneFromMs = Date.now();
    const alone = await steady('b-alone', 0);
    await waitForDeliveries(ctx.receiver, 'b-alone', alone.events * 2, ctx.note);
    const aloneToMs = Date.now();

    ctx.note(`A floods: ${backlog} events for an endpoint answering in ${SLOW_MS / 1000} s`);
    const flood = await sendBatches(
      { apiUrl: caravan.apiUrl, key: a.key, tag: 'a-flood', eventType: () => 'bench.flood' },
      backlog,
      { batchSize: 500, inFlight: 2 },
    );
    ctx.note(`B with A: ${bRate} events/s for ${bSeconds} s`);
    const withAFromMs = Date.now();
    const withAFrom = Math.ceil(withAFromMs / 1000);
    const withA = await steady('b-with-a', alone.events);
    const withAToMs = Date.now();
    const withATo = Math.floor(withAToMs / 1000);
    await waitForDeliveries(ctx.receiver, 'b-with-a', withA.events * 2, ctx.note);
    // Where B's deliveries waited: routing (event stored → delivery created) or dispatch (→ sent).
    const stagesAlone = await stageLatencies(caravan, b.key, aloneFromMs, aloneToMs);
    const stagesWithA = await stageLatencies(caravan, b.key, withAFromMs, withAToMs);
    const byEndpoint = Object.values(stagesWithA.dispatchByEndpoint).map((waits) => summarise(waits));
    ctx.note(
      `B with A, dispatch wait p50/p99 per endpoint (ms): ${byEndpoint.map((l) => `${l.p50}/${l.p99}`).join(', ')}`,
    );
    ctx.note(
      `B with A, longest routing/dispatch wait per second (ms): ${stagesWithA.worstBySecond.map((w) => w.join('/')).join(' ')}`,
    );
    // A's own pace once B is gone: what A gets of the capacity B leaves unused.
    const windowSeconds = ctx.smoke ? 2 : AFTER_SECONDS;
    const aAloneFrom = Math.ceil(Date.now() / 1000);
    await new Promise((resolve) => setTimeout(resolve, (windowSeconds + 1) * 1000));

    const stats = await ctx.receiver.stats();
    const aArrivals = stats.tags['a-flood']?.arrivals ?? {};
    const aWithB = ratePer(aArrivals, Math.max(withAFrom, withATo - windowSeconds + 1), withATo);
    const aAlone = ratePer(aArrivals, aAloneFrom, aAloneFrom + windowSeconds - 1);
    // B's endpoints are not A's: all of A's endpoint is what B leaves A, so beside B, A keeps its own pace.
    const aShareLimit = Number((0.8 * aAlone).toFixed(2));
    const latencyAlone = summarise(stats.tags['b-alone']!.latencies);
    const latencyWithA = summarise(stats.tags['b-with-a']!.latencies);
    await ctx.receiver.setBehaviour({});
    const limit = Number((1.5 * latencyAlone.p99).toFixed(1));
    return {
      metrics: {
        backlogA: backlog,
        floodIngestEventsPerSecond: flood.eventsPerSecond,
        aDeliveredDuringRun: stats.tags['a-flood']?.answered ?? 0,
        aDeliveriesPerSecondWithB: aWithB,
        aDeliveriesPerSecondAfterB: aAlone,
        bEventsPerSecond: bRate,
        bSecondsPerPhase: bSeconds,
        badSignatures: stats.badSignatures,
      },
      rates: {
        bDeliveriesPerSecondWithA: Math.round((withA.events * 2) / withA.seconds),
      },
      latencies: {
        bAlone: latencyAlone,
        bWithA: latencyWithA,
        bIngestWithA: summarise(withA.latencies),
        bRoutingAlone: summarise(stagesAlone.routing),
        bRoutingWithA: summarise(stagesWithA.routing),
        bDispatchAlone: summarise(stagesAlone.dispatch),
        bDispatchWithA: summarise(stagesWithA.dispatch),
      },
      expected: (alone.events + withA.events) * 2,
      delivered: stats.tags['b-alone']!.unique + stats.tags['b-with-a']!.unique,
      targets: {
        "B's p99 with A ≤ 1.5 × without": { met: latencyWithA.p99 <= limit, value: latencyWithA.p99, limit },
        "A gets ≥ 80 % of what B leaves unused (A's rate with B ≥ 0.8 × after B)": {
          met: aWithB >= aShareLimit,
          value: aWithB,
          limit: aShareLimit,
        },
      },
    };
  },
};
