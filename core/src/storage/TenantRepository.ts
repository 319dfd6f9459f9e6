import type { ApiKey, Tenant, TenantLimits } from '../domain/tenant.js';
import type { Page, PageRequest } from './Page.js';

/** A tenant row with the write-only parts the API never returns. */
export interface StoredTenant extends Tenant {
  operationsSecretEncrypted: string | null;
}

export interface TenantChanges {
  name?: string;
  limits?: Partial<TenantLimits>;
  operationsUrl?: string | null;
  operationsSecretEncrypted?: string | null;
  defaultEgressPoolId?: string | null;
  requireRegisteredEventTypes?: boolean;
  updatedAt: number;
}

/** Persistence of tenants and their API keys. */
export interface TenantRepository {
  insert(tenant: StoredTenant): Promise<void>;
  get(id: string): Promise<StoredTenant | undefined>;
  /** Newest first. */
  list(page: PageRequest): Promise<Page<StoredTenant>>;
  /** Applies `changes`; resolves `undefined` when the tenant does not exist. */
  update(id: string, changes: TenantChanges): Promise<StoredTenant | undefined>;
  /** Deletes the tenant and everything it owns; false when it did not exist. */
  delete(id: string): Promise<boolean>;

  /** Endpoints the tenant has, and events it ingested since `since` (epoch ms). */
  usage(tenantId: string, since: number): Promise<{ endpoints: number; eventsSince: number }>;

  insertApiKey(key: ApiKey & { keyHash: string }): Promise<void>;
  getApiKey(tenantId: string, id: string): Promise<ApiKey | undefined>;
  listApiKeys(tenantId: string, page: PageRequest): Promise<Page<ApiKey>>;
  updateApiKey(
    tenantId: string,
    id: string,
    changes: { name?: string | null; expiresAt?: number | null; revokedAt?: number },
  ): Promise<ApiKey | undefined>;
  /** The key whose hash this is, whatever its state (callers check expiry and revocation). */
  findApiKeyByHash(keyHash: string): Promise<ApiKey | undefined>;
  touchApiKey(id: string, lastUsedAt: number): Promise<void>;
}
