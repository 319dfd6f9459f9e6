import { sendBatches, sendPaced } from '../harness/producer.js';
import { summarise } from '../harness/stats.js';
import { createBenchTenant } from '../harness/tenantApi.js';
import type { BenchContext, Scenario, ScenarioOutcome } from '../harness/types.js';
import { waitForDeliveries } from '../harness/waitForDeliveries.js';

const ENDPOINTS = 10;

export interface ThroughputOptions {
  /** Events sent in batches as fast as Caravan takes them (the throughput figure). */
  bulkEvents: number;
  /** Events sent first at a steady rate, phase after phase, before any backlog (the latency figures). */
  paced?: { tag: string; perSecond: number; seconds: number; batchSize: number }[];
  dispatchers?: number;
  /** Receiver tag of the bulk phase, distinct per run when one scenario runs several. */
  bulkTag?: string;
}

/**
 * One tenant, ten endpoints (endpoint i subscribes to `bench.e<i>`, events go round robin over the ten
 * types, so each event is one delivery). First paced phases at a steady rate, open loop: 1,000 events/s
 * as batches of 10, then 1,000 events/s as single `POST /v1/events` (ingest and ingest → receipt latency
 * before any backlog); then a bulk phase of `POST /v1/events/batch` (deliveries/s end to end, from the
 * first send to the last receipt).
 */
export async function runThroughput(ctx: BenchContext, options: ThroughputOptions): Promise<ScenarioOutcome> {
  const caravan = await ctx.install(options.dispatchers ? { dispatchers: options.dispatchers } : {});
  const tenant = await createBenchTenant(caravan, ctx.receiver, {
    label: 'tp',
    endpoints: ENDPOINTS,
    eventTypes: (i) => [`bench.e${i}`],
  });
  const eventType = (n: number) => `bench.e${n % ENDPOINTS}`;
  const bulkTag = options.bulkTag ?? 'bulk';
  const metrics: ScenarioOutcome['metrics'] = { endpoints: ENDPOINTS, bulkEvents: options.bulkEvents };
  const latencies: ScenarioOutcome['latencies'] = {};
  const targets: NonNullable<ScenarioOutcome['targets']> = {};
  let pacedEvents = 0;
  for (const phase of options.paced ?? []) {
    const { tag, perSecond, seconds, batchSize } = phase;
    ctx.note(`${tag}: ${perSecond} events/s for ${seconds} s, ${batchSize} per request`);
    const paced = await sendPaced(
      { apiUrl: caravan.apiUrl, key: tenant.key, tag, eventType },
      perSecond,
      seconds,
      pacedEvents,
      batchSize,
    );
    pacedEvents += paced.events;
    await waitForDeliveries(ctx.receiver, tag, paced.events, ctx.note);
    const ingest = summarise(paced.latencies);
    const toReceipt = summarise((await ctx.receiver.tag(tag)).latencies);
    latencies[`${tag}.ingest`] = ingest;
    latencies[`${tag}.ingestToReceipt`] = toReceipt;
    metrics[`${tag}.eventsPerSecondAchieved`] = paced.eventsPerSecond;
    targets[`${tag}: ingest p99 ≤ 25 ms at ${perSecond} events/s`] = {
      met: ingest.p99 <= 25,
      value: ingest.p99,
      limit: 25,
    };
    targets[`${tag}: ingest → receipt p50 ≤ 50 ms`] = {
      met: toReceipt.p50 <= 50,
      value: toReceipt.p50,
      limit: 50,
    };
  }
  ctx.note(`bulk phase: ${options.bulkEvents} events in batches of 100`);
  const started = Date.now();
  const bulk = await sendBatches(
    { apiUrl: caravan.apiUrl, key: tenant.key, tag: bulkTag, eventType },
    options.bulkEvents,
    { batchSize: 100, inFlight: 4, offset: pacedEvents },
  );
  await waitForDeliveries(ctx.receiver, bulkTag, options.bulkEvents, ctx.note);
  const seconds = (Date.now() - started) / 1000;
  const received = await ctx.receiver.stats();
  const bulkStats = received.tags[bulkTag]!;
  latencies.bulkIngestBatchOf100 = summarise(bulk.latencies);
  latencies.bulkIngestToReceipt = summarise(bulkStats.latencies);
  const rss = caravan.peakRssMb();
  for (const [name, mb] of Object.entries(rss)) metrics[`peakRssMb.${name}`] = mb;
  const maxRss = Math.max(...Object.values(rss));
  targets['peak RSS of each Caravan process ≤ 250 MB'] = { met: maxRss <= 250, value: maxRss, limit: 250 };
  targets['bulk phase: ingest → receipt p99 ≤ 3 s'] = {
    met: latencies.bulkIngestToReceipt.p99 <= 3000,
    value: latencies.bulkIngestToReceipt.p99,
    limit: 3000,
  };
  const tags = [bulkTag, ...(options.paced ?? []).map((p) => p.tag)].map((t) => received.tags[t]!);
  const delivered = tags.reduce((sum, t) => sum + t.unique, 0);
  const requests = tags.reduce((sum, t) => sum + t.answered, 0);
  Object.assign(metrics, {
    bulkSeconds: Number(seconds.toFixed(2)),
    duplicates: requests - delivered,
    badSignatures: received.badSignatures,
    dispatcherProcesses: options.dispatchers ?? 1,
  });
  return {
    metrics,
    rates: {
      deliveriesPerSecond: Math.round(options.bulkEvents / seconds),
      ingestEventsPerSecond: bulk.eventsPerSecond,
    },
    latencies,
    expected: pacedEvents + options.bulkEvents,
    delivered,
    targets,
    ...(ctx.backend === 'mariadb-kafka' ? { ratioTargets: { deliveriesPerSecond: 0.25 } } : {}),
  };
}

export const scenario: Scenario = {
  name: 'throughput',
  description: '1 tenant, 10 endpoints, 50,000 events over HTTP ingest',
  backends: ['mariadb-kafka', 'dev'],
  run: (ctx) =>
    runThroughput(
      ctx,
      ctx.smoke
        ? {
            bulkEvents: 200,
            paced: [
              { tag: 'paced-batch10', perSecond: 50, seconds: 2, batchSize: 10 },
              { tag: 'paced-single', perSecond: 50, seconds: 1, batchSize: 1 },
            ],
          }
        : {
            bulkEvents: 37_000,
            paced: [
              { tag: 'paced-batch10', perSecond: 1000, seconds: 10, batchSize: 10 },
              { tag: 'paced-single', perSecond: 1000, seconds: 3, batchSize: 1 },
            ],
          },
    ),
};
