import type { DeliveryRecord } from '../domain/pipelineRecords.js';
import type { DispatchTargets } from './EndpointCache.js';

// Bounds memory: past it the table starts over, and caps are learnt again from the next batches.
const MAX_ENDPOINTS = 10_000;

/**
 * Each endpoint's `maxConcurrency` as last loaded, so the fair queue holds an endpoint to it from its
 * first request on. The queue reads `capOf` whenever one of the endpoint's deliveries could start.
 */
export class EndpointCaps {
  readonly #caps = new Map<string, number>();

  constructor(private readonly endpoints: Pick<DispatchTargets, 'get'>) {}

  /** Loads the endpoints of a batch (cached by the targets) and notes their caps. */
  async learn(records: readonly DeliveryRecord[]): Promise<void> {
    const seen = new Map(records.map((r) => [r.endpointId, r.tenantId]));
    await Promise.all(
      [...seen].map(async ([endpointId, tenantId]) => {
        const max = (await this.endpoints.get(tenantId, endpointId))?.endpoint.maxConcurrency;
        if (this.#caps.size >= MAX_ENDPOINTS) this.#caps.clear();
        if (max) this.#caps.set(endpointId, max);
        else this.#caps.delete(endpointId);
      }),
    );
  }

  /** The endpoint's own `maxConcurrency`, or `Infinity` when it sets none (or is not known yet). */
  capOf(endpointId: string): number {
    return this.#caps.get(endpointId) ?? Infinity;
  }
}
