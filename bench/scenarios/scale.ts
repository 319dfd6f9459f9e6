import type { Scenario, ScenarioOutcome } from '../harness/types.js';
import { runThroughput } from './throughput.js';

/**
 * The throughput bulk phase with 1, 2 and 4 `caravan worker --roles dispatcher` processes beside one
 * worker for the router and scheduler (topics get 4 partitions, so 4 dispatchers all have work).
 */
export const scenario: Scenario = {
  name: 'scale',
  description: 'throughput with 1, 2 and 4 dispatcher processes',
  backends: ['mariadb-kafka'],
  async run(ctx) {
    const bulkEvents = ctx.smoke ? 100 : 20_000;
    const outcome: ScenarioOutcome = { metrics: {}, rates: {}, latencies: {}, expected: 0, delivered: 0 };
    for (const dispatchers of [1, 2, 4]) {
      ctx.note(`${dispatchers} dispatcher process(es)`);
      const run = await runThroughput(ctx, { bulkEvents, dispatchers, bulkTag: `bulk-${dispatchers}` });
      outcome.rates[`deliveriesPerSecond.${dispatchers}dispatchers`] = run.rates.deliveriesPerSecond!;
      outcome.latencies[`ingestToReceipt.${dispatchers}dispatchers`] = run.latencies.bulkIngestToReceipt!;
      for (const [k, v] of Object.entries(run.metrics)) {
        if (k.startsWith('peakRssMb.') || k === 'duplicates')
          outcome.metrics[`${dispatchers}dispatchers.${k}`] = v;
      }
      outcome.expected += run.expected;
      outcome.delivered += run.delivered;
      await ctx.stopAll();
    }
    return outcome;
  },
};
