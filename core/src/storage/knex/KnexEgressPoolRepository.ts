import type { Knex } from 'knex';
import type { KeyRing } from '../../crypto/KeyRing.js';
import {
  maskEgressAddress,
  type EgressPool,
  type EgressPoolMode,
  type TenantEgressPool,
} from '../../domain/egressPool.js';
import { EgressPoolNameTakenError } from '../../errors/index.js';
import type { Database } from '../createDatabase.js';
import { newestFirst } from './newestFirst.js';
import type { EgressPoolChanges, EgressPoolRepository } from '../EgressPoolRepository.js';
import { toPage, type PageRequest } from '../Page.js';
import { isDuplicateKeyError } from './isDuplicateKeyError.js';

interface PoolRow {
  id: string;
  name: string;
  mode: string;
  addresses: string;
  credentials_encrypted: string | null;
  public_ips: string;
  allow_all_tenants: number | boolean;
  created_at: number | string;
  updated_at: number | string;
}

// Keeps every statement well under SQLite's and MySQL's bound-parameter limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** What a pool's credentials ciphertext is bound to. */
export const egressCredentialsAad = (poolId: string) => `egress_pool:${poolId}`;

/**
 * The stored form of a pool's addresses: with no credentials in any, the list itself; else the list with
 * credentials masked, and the whole list encrypted with the key ring. Proxy passwords are never stored
 * in the clear.
 */
export function sealEgressAddresses(
  keyRing: KeyRing,
  poolId: string,
  addresses: readonly string[],
): { addresses: string; credentials_encrypted: string | null } {
  const masked = addresses.map(maskEgressAddress);
  if (masked.every((a, i) => a === addresses[i])) {
    return { addresses: JSON.stringify(addresses), credentials_encrypted: null };
  }
  return {
    addresses: JSON.stringify(masked),
    credentials_encrypted: keyRing.encrypt(JSON.stringify(addresses), egressCredentialsAad(poolId)),
  };
}

// A row without ciphertext holds its addresses as they are: no credentials, or written before they were
// sealed (still readable; `caravan keys reencrypt` seals it).
function openAddresses(keyRing: KeyRing, row: PoolRow): string[] {
  if (row.credentials_encrypted === null) return JSON.parse(row.addresses) as string[];
  return JSON.parse(
    keyRing.decryptString(row.credentials_encrypted, egressCredentialsAad(row.id)),
  ) as string[];
}

function toPool(row: PoolRow, addresses: string[], allowedTenantIds: string[]): EgressPool {
  return {
    id: row.id,
    name: row.name,
    mode: row.mode as EgressPoolMode,
    addresses,
    publicIps: JSON.parse(row.public_ips) as string[],
    allowAllTenants: Boolean(row.allow_all_tenants),
    allowedTenantIds,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** {@link EgressPoolRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexEgressPoolRepository implements EgressPoolRepository {
  constructor(private readonly deps: { db: Database; keyRing: KeyRing }) {}

  private get db() {
    return this.deps.db;
  }

  async insert(p: EgressPool): Promise<void> {
    try {
      await this.db.transaction(async (trx) => {
        await trx('egress_pools').insert({
          id: p.id,
          name: p.name,
          mode: p.mode,
          ...sealEgressAddresses(this.deps.keyRing, p.id, p.addresses),
          public_ips: JSON.stringify(p.publicIps),
          allow_all_tenants: p.allowAllTenants,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        });
        await this.insertTenants(trx, p.id, p.allowedTenantIds);
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new EgressPoolNameTakenError(p.name);
      throw error;
    }
  }

  async get(id: string): Promise<EgressPool | undefined> {
    const row = (await this.db('egress_pools').where({ id }).first()) as PoolRow | undefined;
    if (!row) return undefined;
    return toPool(row, openAddresses(this.deps.keyRing, row), (await this.tenantsOf([id])).get(id) ?? []);
  }

  async list({ limit, cursor }: PageRequest) {
    const rows = (await newestFirst(this.db('egress_pools'), cursor, limit)) as PoolRow[];
    const tenants = await this.tenantsOf(rows.slice(0, limit).map((r) => r.id));
    return toPage(
      rows,
      limit,
      (r) => toPool(r, openAddresses(this.deps.keyRing, r), tenants.get(r.id) ?? []),
      (r) => ({ value: Number(r.created_at), id: r.id }),
    );
  }

  async update(id: string, c: EgressPoolChanges): Promise<EgressPool | undefined> {
    const set: Record<string, unknown> = { updated_at: c.updatedAt };
    if (c.name !== undefined) set.name = c.name;
    if (c.addresses !== undefined)
      Object.assign(set, sealEgressAddresses(this.deps.keyRing, id, c.addresses));
    if (c.publicIps !== undefined) set.public_ips = JSON.stringify(c.publicIps);
    if (c.allowAllTenants !== undefined) set.allow_all_tenants = c.allowAllTenants;
    try {
      const changed = await this.db.transaction(async (trx) => {
        const n = await trx('egress_pools').where({ id }).update(set);
        if (n && c.allowedTenantIds !== undefined) {
          await trx('egress_pool_tenants').where({ pool_id: id }).delete();
          await this.insertTenants(trx, id, c.allowedTenantIds);
        }
        return n > 0;
      });
      return changed ? this.get(id) : undefined;
    } catch (error) {
      if (isDuplicateKeyError(error) && c.name !== undefined) throw new EgressPoolNameTakenError(c.name);
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      await trx('egress_pool_tenants').where({ pool_id: id }).delete();
      return (await trx('egress_pools').where({ id }).delete()) > 0;
    });
  }

  async missingTenants(tenantIds: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const chunk of chunks([...new Set(tenantIds)])) {
      const ids = (await this.db('tenants').whereIn('id', chunk).pluck('id')) as string[];
      for (const id of ids) found.add(id);
    }
    return tenantIds.filter((id) => !found.has(id));
  }

  async tenantsUsing(poolId: string): Promise<string[]> {
    const byDefault = (await this.db('tenants')
      .where({ default_egress_pool_id: poolId })
      .pluck('id')) as string[];
    const byEndpoint = (await this.db('endpoints')
      .where({ egress_pool_id: poolId })
      .distinct('tenant_id')
      .pluck('tenant_id')) as string[];
    return [...new Set([...byDefault, ...byEndpoint])].sort();
  }

  async isAllowed(tenantId: string | null, poolId: string): Promise<boolean> {
    const pool = (await this.db('egress_pools').select('allow_all_tenants').where({ id: poolId }).first()) as
      Pick<PoolRow, 'allow_all_tenants'> | undefined;
    if (!pool) return false;
    if (tenantId === null || pool.allow_all_tenants) return true;
    return (
      (await this.db('egress_pool_tenants').where({ pool_id: poolId, tenant_id: tenantId }).first()) !==
      undefined
    );
  }

  async listForTenant(tenantId: string, { limit, cursor }: PageRequest) {
    const tenant = (await this.db('tenants')
      .select('default_egress_pool_id')
      .where({ id: tenantId })
      .first()) as { default_egress_pool_id: string | null } | undefined;
    const q = this.db('egress_pools')
      .select('id', 'name', 'public_ips', 'created_at')
      .where((w) => {
        void w
          .where('allow_all_tenants', true)
          .orWhereIn('id', this.db('egress_pool_tenants').select('pool_id').where({ tenant_id: tenantId }));
      });
    const rows = (await newestFirst(q, cursor, limit)) as PoolRow[];
    return toPage(
      rows,
      limit,
      (r): TenantEgressPool => ({
        id: r.id,
        name: r.name,
        publicIps: JSON.parse(r.public_ips) as string[],
        isDefault: tenant?.default_egress_pool_id === r.id,
      }),
      (r) => ({ value: Number(r.created_at), id: r.id }),
    );
  }

  private async insertTenants(trx: Knex.Transaction, poolId: string, tenantIds: readonly string[]) {
    for (const chunk of chunks([...new Set(tenantIds)])) {
      await trx('egress_pool_tenants').insert(
        chunk.map((tenantId) => ({ tenant_id: tenantId, pool_id: poolId })),
      );
    }
  }

  private async tenantsOf(poolIds: readonly string[]): Promise<Map<string, string[]>> {
    const byPool = new Map<string, string[]>();
    for (const chunk of chunks(poolIds)) {
      const rows = (await this.db('egress_pool_tenants')
        .select('pool_id', 'tenant_id')
        .whereIn('pool_id', chunk)
        .orderBy('tenant_id', 'asc')) as { pool_id: string; tenant_id: string }[];
      for (const r of rows) {
        const list = byPool.get(r.pool_id) ?? [];
        list.push(r.tenant_id);
        byPool.set(r.pool_id, list);
      }
    }
    return byPool;
  }
}
