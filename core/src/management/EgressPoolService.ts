import type { Clock } from '../domain/Clock.js';
import {
  egressAddressErrors,
  ipAddressErrors,
  unmaskEgressAddresses,
  type EgressPool,
  type EgressPoolMode,
  type TenantEgressPool,
} from '../domain/egressPool.js';
import { newId } from '../domain/ids.js';
import { EgressPoolInUseError, EgressPoolNotFoundError, ValidationError } from '../errors/index.js';
import type { EgressPoolRepository } from '../storage/EgressPoolRepository.js';
import type { Page, PageRequest } from '../storage/Page.js';

export interface EgressPoolServiceDeps {
  pools: EgressPoolRepository;
  clock: Clock;
}

export interface CreateEgressPoolInput {
  name: string;
  mode: EgressPoolMode;
  addresses: string[];
  publicIps: string[];
  allowAllTenants?: boolean;
  allowedTenantIds?: string[];
}

export interface UpdateEgressPoolInput {
  name?: string;
  addresses?: string[];
  publicIps?: string[];
  allowAllTenants?: boolean;
  allowedTenantIds?: string[];
}

/** The operator's egress pools, and which of them each tenant may use. */
export class EgressPoolService {
  constructor(private readonly deps: EgressPoolServiceDeps) {}

  async create(input: CreateEgressPoolInput): Promise<EgressPool> {
    const allowedTenantIds = unique(input.allowedTenantIds ?? []);
    checkValues(input.mode, input.addresses, input.publicIps);
    await this.checkTenantsExist(allowedTenantIds);
    const now = this.deps.clock.now();
    const pool: EgressPool = {
      id: newId('pool', now),
      name: input.name,
      mode: input.mode,
      addresses: input.addresses,
      publicIps: input.publicIps,
      allowAllTenants: input.allowAllTenants ?? false,
      allowedTenantIds,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.pools.insert(pool);
    return pool;
  }

  async get(id: string): Promise<EgressPool> {
    const pool = await this.deps.pools.get(id);
    if (!pool) throw new EgressPoolNotFoundError(id);
    return pool;
  }

  list(page: PageRequest): Promise<Page<EgressPool>> {
    return this.deps.pools.list(page);
  }

  async update(id: string, input: UpdateEgressPoolInput): Promise<EgressPool> {
    const existing = await this.get(id);
    let addresses = input.addresses;
    if (addresses !== undefined) {
      const unmasked = unmaskEgressAddresses(addresses, existing.addresses, ['addresses']);
      if (unmasked.errors.length) throw new ValidationError(unmasked.errors);
      addresses = unmasked.addresses;
    }
    checkValues(existing.mode, addresses ?? [], input.publicIps ?? []);
    const allowedTenantIds = input.allowedTenantIds && unique(input.allowedTenantIds);
    if (allowedTenantIds) await this.checkTenantsExist(allowedTenantIds);
    await this.checkNoUserLosesAccess(existing, {
      allowAllTenants: input.allowAllTenants ?? existing.allowAllTenants,
      allowedTenantIds: allowedTenantIds ?? existing.allowedTenantIds,
    });
    const updated = await this.deps.pools.update(id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(addresses !== undefined ? { addresses } : {}),
      ...(input.publicIps !== undefined ? { publicIps: input.publicIps } : {}),
      ...(input.allowAllTenants !== undefined ? { allowAllTenants: input.allowAllTenants } : {}),
      ...(allowedTenantIds !== undefined ? { allowedTenantIds } : {}),
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) throw new EgressPoolNotFoundError(id);
    return updated;
  }

  /** Deletes a pool that no tenant has as default and no endpoint uses. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    const users = await this.deps.pools.tenantsUsing(id);
    if (users.length) {
      throw new EgressPoolInUseError(
        `Egress pool ${id} is used by ${describeTenants(users)} (as default pool or on endpoints).`,
      );
    }
    if (!(await this.deps.pools.delete(id))) throw new EgressPoolNotFoundError(id);
  }

  /** Whether the pool exists and, for a tenant, whether that tenant may use it (`null`: only exists). */
  isAllowed(tenantId: string | null, poolId: string): Promise<boolean> {
    return this.deps.pools.isAllowed(tenantId, poolId);
  }

  /** The pools a tenant may use, newest first, with their public IPs. */
  listForTenant(tenantId: string, page: PageRequest): Promise<Page<TenantEgressPool>> {
    return this.deps.pools.listForTenant(tenantId, page);
  }

  private async checkTenantsExist(tenantIds: string[]): Promise<void> {
    const missing = new Set(await this.deps.pools.missingTenants(tenantIds));
    if (!missing.size) return;
    const errors = tenantIds.flatMap((tenantId, i) =>
      missing.has(tenantId)
        ? [{ path: ['allowedTenantIds', i], message: `tenant ${tenantId} does not exist` }]
        : [],
    );
    throw new ValidationError(errors, { code: 'CARAVAN_TENANT_NOT_FOUND' });
  }

  // A tenant that uses the pool (default or endpoint) must keep access to it: otherwise its deliveries
  // would go through a pool the operator took away.
  private async checkNoUserLosesAccess(
    before: EgressPool,
    after: { allowAllTenants: boolean; allowedTenantIds: string[] },
  ): Promise<void> {
    if (after.allowAllTenants) return;
    const stillAllowed = new Set(after.allowedTenantIds);
    const allowedBefore = new Set(before.allowedTenantIds);
    const hadAccess = (tenantId: string) => before.allowAllTenants || allowedBefore.has(tenantId);
    const losing = (await this.deps.pools.tenantsUsing(before.id)).filter(
      (tenantId) => !stillAllowed.has(tenantId) && hadAccess(tenantId),
    );
    if (losing.length) {
      throw new EgressPoolInUseError(
        `Egress pool ${before.id} is still used by ${describeTenants(losing)}, which would lose access to it.`,
      );
    }
  }
}

function checkValues(mode: EgressPoolMode, addresses: string[], publicIps: string[]): void {
  const errors = [
    ...egressAddressErrors(mode, addresses, ['addresses']),
    ...ipAddressErrors(publicIps, ['publicIps']),
  ];
  if (errors.length) throw new ValidationError(errors);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function describeTenants(ids: string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `tenants ${shown} and ${ids.length - 5} more` : `tenant(s) ${shown}`;
}
