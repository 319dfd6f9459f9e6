import { generateApiKey, hashApiKey, isWellFormedApiKey, safeEqual } from '../crypto/apiKeys.js';
import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import { newId } from '../domain/ids.js';
import { apiKeyIsLive, type ApiKey, type Tenant, type TenantLimits } from '../domain/tenant.js';
import {
  ApiKeyInUseError,
  ApiKeyNotFoundError,
  EgressPoolNotFoundError,
  TenantNotFoundError,
  invalidField,
} from '../errors/index.js';
import type { Page, PageRequest } from '../storage/Page.js';
import type { StoredTenant, TenantRepository } from '../storage/TenantRepository.js';
import { ApiKeyCache } from './ApiKeyCache.js';

/** Who a bearer key belongs to. */
export type Principal =
  | { kind: 'admin' }
  | { kind: 'tenant'; tenantId: string; apiKeyId: string }
  /** A customer portal token: the tenant's endpoints of one owner only (see PortalTokenService). */
  | { kind: 'portal'; tenantId: string; ownerId: string; expiresAt: number };

export interface TenantServiceDeps {
  tenants: TenantRepository;
  keyRing: KeyRing;
  clock: Clock;
  adminKey: string;
  tenantDefaults: TenantLimits;
  /** Whether `poolId` exists and the tenant may use it; the egress-pool catalogue answers. */
  egressPoolAllowed?: (tenantId: string | null, poolId: string) => Promise<boolean>;
  /**
   * How long an authenticated key's state is trusted before it is read again (default 2 s; 0 reads on
   * every request). A revocation made through another process applies within this time.
   */
  apiKeyCacheTtlMs?: number;
}

export interface CreateTenantInput {
  name: string;
  limits?: Partial<TenantLimits>;
  defaultEgressPoolId?: string | null;
  requireRegisteredEventTypes?: boolean;
}

export interface UpdateTenantInput {
  name?: string;
  limits?: Partial<TenantLimits>;
  defaultEgressPoolId?: string | null;
  requireRegisteredEventTypes?: boolean;
}

export interface UpdateOwnTenantInput {
  operationsUrl?: string | null;
  operationsSecret?: string;
  defaultEgressPoolId?: string | null;
  requireRegisteredEventTypes?: boolean;
}

// `last_used_at` is written at most this often per key, so authentication stays a read.
const TOUCH_INTERVAL_MS = 60_000;

/** Tenants, their API keys, and authentication of bearer keys. */
export class TenantService {
  private readonly touched = new Map<string, number>();
  private readonly usageCache = new Map<
    string,
    { at: number; usage: { endpoints: number; eventsIngestedLast24h: number } }
  >();
  private readonly keys: ApiKeyCache;

  constructor(private readonly deps: TenantServiceDeps) {
    this.keys = new ApiKeyCache({ ttlMs: deps.apiKeyCacheTtlMs ?? 2_000 });
  }

  /** Resolves a bearer key to the admin or to a live tenant API key; `undefined` when it is neither. */
  async authenticate(bearer: string): Promise<Principal | undefined> {
    if (safeEqual(bearer, this.deps.adminKey)) return { kind: 'admin' };
    // A key no generator could have made is refused without a database read.
    if (!isWellFormedApiKey(bearer)) return undefined;
    // The lookup is by the key's SHA-256: only the holder of the key can name that row.
    const hash = hashApiKey(bearer);
    const now = this.deps.clock.now();
    const key = await this.keys.lookup(hash, now, () => this.deps.tenants.findApiKeyByHash(hash));
    // Expiry is checked against the (possibly cached) `expiresAt` on every request.
    if (!key || !apiKeyIsLive(key, now)) return undefined;
    const last = this.touched.get(key.id) ?? key.lastUsedAt ?? 0;
    if (now - last >= TOUCH_INTERVAL_MS) {
      this.touched.set(key.id, now);
      await this.deps.tenants.touchApiKey(key.id, now);
    }
    return { kind: 'tenant', tenantId: key.tenantId, apiKeyId: key.id };
  }

  async create(input: CreateTenantInput): Promise<StoredTenant> {
    const now = this.deps.clock.now();
    const id = newId('tnt', now);
    if (input.defaultEgressPoolId) await this.checkPool(null, input.defaultEgressPoolId);
    const tenant: StoredTenant = {
      id,
      name: input.name,
      limits: { ...this.deps.tenantDefaults, ...input.limits },
      operationsUrl: null,
      hasOperationsSecret: false,
      operationsSecretEncrypted: null,
      defaultEgressPoolId: input.defaultEgressPoolId ?? null,
      requireRegisteredEventTypes: input.requireRegisteredEventTypes ?? false,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.tenants.insert(tenant);
    return tenant;
  }

  async get(id: string): Promise<StoredTenant> {
    const tenant = await this.deps.tenants.get(id);
    if (!tenant) throw new TenantNotFoundError(id);
    return tenant;
  }

  list(page: PageRequest): Promise<Page<Tenant>> {
    return this.deps.tenants.list(page);
  }

  async update(id: string, input: UpdateTenantInput): Promise<StoredTenant> {
    if (input.defaultEgressPoolId) await this.checkPool(null, input.defaultEgressPoolId);
    const updated = await this.deps.tenants.update(id, { ...input, updatedAt: this.deps.clock.now() });
    if (!updated) throw new TenantNotFoundError(id);
    return updated;
  }

  /**
   * What a tenant may change about itself: its operations URL and secret, its default egress pool, and
   * whether ingest requires registered event types.
   */
  async updateOwn(id: string, input: UpdateOwnTenantInput): Promise<StoredTenant> {
    if (input.defaultEgressPoolId) await this.checkPool(id, input.defaultEgressPoolId);
    const { operationsSecret, ...rest } = input;
    const updated = await this.deps.tenants.update(id, {
      ...rest,
      ...(operationsSecret !== undefined
        ? { operationsSecretEncrypted: this.deps.keyRing.encrypt(operationsSecret, `tenant:${id}`) }
        : {}),
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) throw new TenantNotFoundError(id);
    return updated;
  }

  /** Endpoints now and events ingested in the last 24 hours; recounted at most once a minute per tenant. */
  async usage(id: string): Promise<{ endpoints: number; eventsIngestedLast24h: number }> {
    const now = this.deps.clock.now();
    const cached = this.usageCache.get(id);
    if (cached && now - cached.at < 60_000) return cached.usage;
    const counted = await this.deps.tenants.usage(id, now - 24 * 3_600_000);
    const usage = { endpoints: counted.endpoints, eventsIngestedLast24h: counted.eventsSince };
    this.usageCache.set(id, { at: now, usage });
    return usage;
  }

  async delete(id: string): Promise<void> {
    const deleted = await this.deps.tenants.delete(id);
    this.keys.forget(id);
    if (!deleted) throw new TenantNotFoundError(id);
  }

  async createApiKey(
    tenantId: string,
    input: { name?: string | null; expiresAt?: number | null },
  ): Promise<{ apiKey: ApiKey; key: string }> {
    await this.get(tenantId);
    const now = this.deps.clock.now();
    if (input.expiresAt != null && input.expiresAt <= now) {
      throw invalidField(['expiresAt'], 'must be in the future');
    }
    const generated = generateApiKey();
    const apiKey: ApiKey = {
      id: newId('key', now),
      tenantId,
      name: input.name ?? null,
      prefix: generated.prefix,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
      createdAt: now,
    };
    await this.deps.tenants.insertApiKey({ ...apiKey, keyHash: generated.hash });
    return { apiKey, key: generated.key };
  }

  async listApiKeys(tenantId: string, page: PageRequest): Promise<Page<ApiKey>> {
    await this.get(tenantId);
    return this.deps.tenants.listApiKeys(tenantId, page);
  }

  async updateApiKey(
    tenantId: string,
    id: string,
    input: { name?: string | null; expiresAt?: number | null },
  ): Promise<ApiKey> {
    await this.get(tenantId);
    if (input.expiresAt != null && input.expiresAt <= this.deps.clock.now()) {
      throw invalidField(['expiresAt'], 'must be in the future');
    }
    const updated = await this.deps.tenants.updateApiKey(tenantId, id, input);
    this.keys.forget(tenantId, id);
    if (!updated) throw new ApiKeyNotFoundError(id);
    return updated;
  }

  async revokeApiKey(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId);
    const revoked = await this.deps.tenants.updateApiKey(tenantId, id, { revokedAt: this.deps.clock.now() });
    this.keys.forget(tenantId, id);
    if (!revoked) throw new ApiKeyNotFoundError(id);
  }

  /**
   * Revokes a key of the caller's own tenant. A key never revokes itself: since the caller always
   * holds a live key, a tenant can never revoke its last one and lock itself out (the operator can).
   */
  async revokeOwnApiKey(caller: { tenantId: string; apiKeyId: string }, id: string): Promise<void> {
    if (id === caller.apiKeyId) throw new ApiKeyInUseError(id);
    await this.revokeApiKey(caller.tenantId, id);
  }

  private async checkPool(tenantId: string | null, poolId: string): Promise<void> {
    const allowed = this.deps.egressPoolAllowed ? await this.deps.egressPoolAllowed(tenantId, poolId) : false;
    if (!allowed) throw new EgressPoolNotFoundError(poolId);
  }
}
