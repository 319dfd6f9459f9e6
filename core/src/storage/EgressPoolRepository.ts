import type { EgressPool, TenantEgressPool } from '../domain/egressPool.js';
import type { Page, PageRequest } from './Page.js';

export interface EgressPoolChanges {
  name?: string;
  addresses?: string[];
  publicIps?: string[];
  allowAllTenants?: boolean;
  /** Replaces the whole list. */
  allowedTenantIds?: string[];
  updatedAt: number;
}

/** Persistence of the operator's egress pools and of which tenants may use each. */
export interface EgressPoolRepository {
  /** Throws `EgressPoolNameTakenError` when another pool has the name. */
  insert(pool: EgressPool): Promise<void>;
  get(id: string): Promise<EgressPool | undefined>;
  /** Newest first. */
  list(page: PageRequest): Promise<Page<EgressPool>>;
  /**
   * Applies `changes`; resolves `undefined` when the pool does not exist. Throws
   * `EgressPoolNameTakenError` when another pool has the new name.
   */
  update(id: string, changes: EgressPoolChanges): Promise<EgressPool | undefined>;
  /** False when the pool did not exist. */
  delete(id: string): Promise<boolean>;

  /** The ids among `tenantIds` that name no tenant. */
  missingTenants(tenantIds: readonly string[]): Promise<string[]>;
  /** Tenants that use the pool, as their default or on one of their endpoints. */
  tenantsUsing(poolId: string): Promise<string[]>;
  /** Whether the pool exists and the tenant may use it (`null`: whether the pool exists). */
  isAllowed(tenantId: string | null, poolId: string): Promise<boolean>;
  /** The pools the tenant may use, newest first. */
  listForTenant(tenantId: string, page: PageRequest): Promise<Page<TenantEgressPool>>;
}
