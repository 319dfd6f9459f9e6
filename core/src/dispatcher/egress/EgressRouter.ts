import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { Clock } from '../../domain/Clock.js';
import { maskEgressAddress, type EgressPool } from '../../domain/egressPool.js';
import type { Endpoint } from '../../domain/endpoint.js';
import type { Logger } from '../../observability/index.js';
import type { ConnectLookup } from '../guardedLookup.js';
import type { EgressRoute, SendRequest } from '../WebhookSender.js';

export interface EgressRouterDeps {
  /** The operator's pools (`EgressPoolRepository`). */
  pools: { get(id: string): Promise<EgressPool | undefined> };
  /** The tenant's default pool, `null` when it has none. */
  tenantDefaultPool(tenantId: string): Promise<string | null>;
  /** The sender's `connectOptions()`: every `bind` agent checks its connections with the SSRF guard. */
  connect: { lookup: ConnectLookup };
  clock: Clock;
  logger: Logger;
  /**
   * How long a loaded pool or tenant default is used before it is read again (default 5 s): the delay
   * before a change made through the API reaches deliveries.
   */
  ttlMs?: number;
}

interface Cached<T> {
  loadedAt: number;
  value: Promise<T>;
}

/**
 * Sends each endpoint's requests through its egress pool (the endpoint's own, else the tenant's
 * default). One undici dispatcher per address: an `Agent` bound to the local address (`bind`) or a
 * `ProxyAgent` (`proxy`). Requests take the pool's addresses round-robin; the routes handed to the
 * sender start at the next address and go on through the others, so a route that cannot connect fails
 * over to the next. Pools are re-read after `ttlMs`, and the dispatchers of addresses no pool has any
 * longer are closed.
 */
export class EgressRouter {
  readonly #ttlMs: number;
  readonly #pools = new Map<string, Cached<EgressPool | undefined>>();
  readonly #defaults = new Map<string, Cached<string | null>>();
  readonly #dispatchers = new Map<string, Dispatcher>();
  /** The dispatcher keys each loaded pool uses, to close those no pool uses any more. */
  readonly #keysOfPool = new Map<string, readonly string[]>();
  readonly #next = new Map<string, number>();
  readonly #warned = new Set<string>();

  constructor(private readonly deps: EgressRouterDeps) {
    this.#ttlMs = deps.ttlMs ?? 5_000;
  }

  /** The routes for one request to `endpoint`; `undefined`: send directly. */
  async routeFor(endpoint: Endpoint): Promise<SendRequest['egress']> {
    const poolId =
      endpoint.egressPoolId ??
      (await this.#cached(this.#defaults, endpoint.tenantId, () =>
        this.deps.tenantDefaultPool(endpoint.tenantId),
      ));
    if (poolId === null) return undefined;
    const pool = await this.#cached(this.#pools, poolId, () => this.#loadPool(poolId));
    const usable =
      pool !== undefined && (pool.allowAllTenants || pool.allowedTenantIds.includes(endpoint.tenantId));
    if (!usable || pool.addresses.length === 0) {
      // The API refuses to delete a pool in use or to revoke a tenant using it; a row changed behind its
      // back still must not stop deliveries.
      this.#warnOnce(poolId, endpoint, pool === undefined ? 'no longer exists' : 'is not available');
      return undefined;
    }
    const start = (this.#next.get(pool.id) ?? 0) % pool.addresses.length;
    this.#next.set(pool.id, (start + 1) % pool.addresses.length);
    const routes: EgressRoute[] = pool.addresses.map((_, i) => {
      const address = pool.addresses[(start + i) % pool.addresses.length] as string;
      return {
        dispatcher: this.#dispatcher(pool.mode, address),
        address: pool.mode === 'proxy' ? maskEgressAddress(address) : address,
        viaProxy: pool.mode === 'proxy',
      };
    });
    return { routes };
  }

  /** Closes every dispatcher. */
  async close(): Promise<void> {
    const all = [...this.#dispatchers.values()];
    this.#dispatchers.clear();
    await Promise.all(all.map((d) => d.close()));
  }

  #cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = this.deps.clock.now();
    const hit = map.get(key);
    if (hit && now >= hit.loadedAt && now - hit.loadedAt < this.#ttlMs) return hit.value;
    const entry = { loadedAt: now, value: load() };
    map.set(key, entry);
    // A failed read is not kept: the next delivery reads again.
    entry.value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return entry.value;
  }

  async #loadPool(poolId: string): Promise<EgressPool | undefined> {
    const pool = await this.deps.pools.get(poolId);
    if (pool)
      this.#keysOfPool.set(
        poolId,
        pool.addresses.map((a) => keyOf(pool.mode, a)),
      );
    else this.#keysOfPool.delete(poolId);
    this.#closeUnused();
    return pool;
  }

  #dispatcher(mode: EgressPool['mode'], address: string): Dispatcher {
    const key = keyOf(mode, address);
    let dispatcher = this.#dispatchers.get(key);
    if (!dispatcher) {
      dispatcher =
        mode === 'bind'
          ? // `localAddress` is a client option: undici ignores it inside `connect`.
            new Agent({ connect: { ...this.deps.connect }, localAddress: address })
          : new ProxyAgent({ uri: address });
      this.#dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  #closeUnused(): void {
    const used = new Set([...this.#keysOfPool.values()].flat());
    for (const [key, dispatcher] of this.#dispatchers) {
      if (used.has(key)) continue;
      this.#dispatchers.delete(key);
      // Requests still in flight on it finish first.
      dispatcher.close().catch((err: unknown) => this.deps.logger.warn({ err }, 'closing an egress route'));
    }
  }

  #warnOnce(poolId: string, endpoint: Endpoint, why: string): void {
    const key = `${endpoint.id}/${poolId}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.deps.logger.warn(
      { endpointId: endpoint.id, tenantId: endpoint.tenantId, egressPoolId: poolId },
      `egress pool ${why}; sending directly`,
    );
  }
}

function keyOf(mode: EgressPool['mode'], address: string): string {
  return `${mode} ${address}`;
}
