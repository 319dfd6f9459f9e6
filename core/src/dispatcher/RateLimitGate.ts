import type { EndpointRateLimit } from '../domain/endpoint.js';
import type { TenantLimits } from '../domain/tenant.js';
import { KeyedLimiter, type LimitSetting } from '../limits/KeyedLimiter.js';
import type { LimiterStore } from '../limits/LimiterStore.js';
import type { GatePass, GateRefusal, GateRequest, SendGate } from './SendGate.js';

/**
 * An endpoint's `{ perSecond, burst }` as a rate-limiter-flexible window: `burst` requests per
 * `ceil(burst / perSecond)` seconds. With `burst === perSecond` (the default) that is exactly `perSecond`
 * per second; with a larger burst the endpoint may take `burst` requests at once and then waits out the
 * window, so over time it never gets more than `perSecond` per second on average. Whole seconds, because
 * Redis expires counters in whole seconds.
 */
export function endpointWindow(limit: EndpointRateLimit): LimitSetting {
  const burst = Math.max(limit.burst, limit.perSecond);
  return { points: burst, durationSeconds: Math.max(1, Math.ceil(burst / limit.perSecond)) };
}

function gateOver(
  limiter: KeyedLimiter,
  name: string,
  reason: string,
  scope: 'tenant' | 'endpoint',
  lookup: (request: GateRequest) => Promise<{ key: string; setting: LimitSetting } | undefined>,
): SendGate {
  const pass = (release: GatePass['release']): GatePass => ({ admitted: true, release });
  return {
    name,
    async acquire(request): Promise<GatePass | GateRefusal> {
      const limit = await lookup(request);
      if (!limit) return pass(() => undefined);
      const taken = await limiter.take(limit.key, limit.setting, 1, request.now);
      if (!taken.allowed) return { admitted: false, until: request.now + taken.msBeforeNext, reason, scope };
      return pass((result) => {
        // A later gate refused, so nothing was sent: the point goes back to the window.
        if (result === null) limiter.giveBack(limit.key, limit.setting, 1, request.now);
      });
    },
  };
}

/**
 * The tenant's `deliveriesPerSecond`, over every endpoint of the tenant. Counters live in the
 * {@link LimiterStore} (Redis: shared by every dispatcher process); each process takes from tokens it
 * reserves ahead ({@link KeyedLimiter}), so a send does not wait for Redis. Windows are counted on the
 * request's `now`. Limits are read through `tenantLimits`,
 * which should cache briefly (`TenantLimitsCache`): an edit applies once that cache has reloaded.
 */
export function tenantRateLimitGate(deps: {
  store: LimiterStore;
  tenantLimits: (tenantId: string) => Promise<TenantLimits | undefined>;
}): SendGate {
  const limiter = new KeyedLimiter(deps.store, 'tenant-deliveries');
  return gateOver(limiter, 'tenant-rate-limit', 'tenant_rate_limit', 'tenant', async ({ record }) => {
    const limits = await deps.tenantLimits(record.tenantId);
    if (!limits) return undefined;
    return { key: record.tenantId, setting: { points: limits.deliveriesPerSecond, durationSeconds: 1 } };
  });
}

/** The endpoint's `rateLimit` (see {@link endpointWindow}); endpoints without one are not limited here. */
export function endpointRateLimitGate(deps: { store: LimiterStore }): SendGate {
  const limiter = new KeyedLimiter(deps.store, 'endpoint-deliveries');
  return gateOver(limiter, 'endpoint-rate-limit', 'endpoint_rate_limit', 'endpoint', ({ endpoint }) =>
    Promise.resolve(
      endpoint.rateLimit ? { key: endpoint.id, setting: endpointWindow(endpoint.rateLimit) } : undefined,
    ),
  );
}
