import { Gauge, type Registry } from 'prom-client';
import type { BreakerStore } from '../storage/BreakerStore.js';

/**
 * `caravan_breaker_open_endpoints`: endpoints whose circuit breaker is open or half-open, read from the
 * database at each scrape, so it is the installation's figure whichever process is scraped (aggregate it
 * with `max`, not `sum`). With `tenantLabels`, one series per tenant that has one.
 */
export function registerBreakerMetrics(
  registry: Registry,
  store: Pick<BreakerStore, 'openCounts'>,
  options: { tenantLabels: boolean },
): void {
  new Gauge({
    name: 'caravan_breaker_open_endpoints',
    help: 'Endpoints whose circuit breaker is open or half-open (installation-wide, from the database)',
    labelNames: options.tenantLabels ? ['tenant'] : [],
    registers: [registry],
    async collect() {
      const counts = await store.openCounts();
      this.reset();
      if (options.tenantLabels) for (const c of counts) this.set({ tenant: c.tenantId }, c.count);
      else this.set(counts.reduce((sum, c) => sum + c.count, 0));
    },
  });
}
