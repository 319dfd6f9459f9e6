import type { Logger } from '../observability/index.js';
import type { DispatchRepository } from '../storage/DispatchRepository.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { collectStats, type TenantStatsStore } from '../storage/TenantStatsStore.js';

/**
 * The router's storage, counting each event it stores for the first time into the tenant's minute.
 * Counting follows the commit and never fails routing: a lost count costs a chart a point, a failed
 * route would cost a retry of the batch.
 */
export function countingRoutes(
  routing: RoutingRepository,
  stats: Pick<TenantStatsStore, 'add'>,
  logger: Logger,
): RoutingRepository {
  return {
    tenantEndpoints: (tenantId) => routing.tenantEndpoints(tenantId),
    endpointStatuses: (tenantId, ids) => routing.endpointStatuses(tenantId, ids),
    insertDeliveries: (deliveries) => routing.insertDeliveries(deliveries),
    async insertRouted(events, deliveriesFor) {
      const stored = await routing.insertRouted(events, deliveriesFor);
      const fresh = events.filter((e) => !stored.present.has(e.id));
      if (fresh.length > 0) {
        await stats
          .add(collectStats(fresh.map((e) => ({ tenantId: e.tenantId, at: e.createdAt, events: 1 }))))
          .catch((err: unknown) => logger.warn({ err }, 'event counters not updated'));
      }
      return stored;
    },
  };
}

/** The dispatcher's storage, counting each recorded attempt (2xx or not) into the tenant's minute. */
export function countingAttempts(
  dispatch: DispatchRepository,
  stats: Pick<TenantStatsStore, 'add'>,
  logger: Logger,
): DispatchRepository {
  return {
    states: (ids) => dispatch.states(ids),
    async write(writes) {
      await dispatch.write(writes);
      const attempts = writes.flatMap((w) => (w.attempt ? [w.attempt] : []));
      if (attempts.length > 0) {
        await stats
          .add(
            collectStats(
              attempts.map((a) => {
                const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
                return { tenantId: a.tenantId, at: a.startedAt, succeeded: ok ? 1 : 0, failed: ok ? 0 : 1 };
              }),
            ),
          )
          .catch((err: unknown) => logger.warn({ err }, 'attempt counters not updated'));
      }
    },
  };
}
