import type { Clock } from '../domain/Clock.js';
import type { RoutingRepository } from '../storage/RoutingRepository.js';
import { indexEndpoints, type TenantEndpoints } from './TenantEndpoints.js';

export interface TenantEndpointsCacheOptions {
  repository: Pick<RoutingRepository, 'tenantEndpoints'>;
  clock: Clock;
  /** How long a tenant's endpoints are used before they are read again. */
  ttlMs: number;
  /** Most tenants kept; the least recently used go first. */
  maxTenants: number;
}

/**
 * Each tenant's endpoints, read at most once per `ttlMs` however many events arrive: the router's hot
 * path makes no per-event query. Concurrent batches of one tenant share one read; a failed read is not
 * kept. The price: an endpoint created, changed or deleted applies to events routed up to `ttlMs` later.
 */
export class TenantEndpointsCache {
  private readonly entries = new Map<string, { at: number; endpoints: Promise<TenantEndpoints> }>();

  constructor(private readonly options: TenantEndpointsCacheOptions) {}

  get(tenantId: string): Promise<TenantEndpoints> {
    const now = this.options.clock.now();
    const entry = this.entries.get(tenantId);
    this.entries.delete(tenantId);
    if (entry && now - entry.at < this.options.ttlMs) {
      this.entries.set(tenantId, entry);
      return entry.endpoints;
    }
    const endpoints = this.options.repository.tenantEndpoints(tenantId).then(indexEndpoints);
    this.entries.set(tenantId, { at: now, endpoints });
    endpoints.catch(() => {
      if (this.entries.get(tenantId)?.endpoints === endpoints) this.entries.delete(tenantId);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxTenants) break;
      this.entries.delete(oldest);
    }
    return endpoints;
  }
}
