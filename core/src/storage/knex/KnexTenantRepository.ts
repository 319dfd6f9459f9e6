import type { ApiKey } from '../../domain/tenant.js';
import type { Database } from '../createDatabase.js';
import { newestFirst } from './newestFirst.js';
import { decodeTimeCursor, toPage, type PageRequest } from '../Page.js';
import type { StoredTenant, TenantChanges, TenantRepository } from '../TenantRepository.js';
import { ms, msOrNull } from './columns.js';

interface TenantRow {
  id: string;
  name: string;
  ingest_per_second: number;
  deliveries_per_second: number;
  max_endpoints: number;
  max_payload_bytes: number;
  event_shards: number;
  operations_url: string | null;
  operations_secret_encrypted: string | null;
  default_egress_pool_id: string | null;
  require_registered_event_types: number | boolean;
  created_at: number | string;
  updated_at: number | string;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string | null;
  prefix: string;
  key_hash: string;
  expires_at: number | string | null;
  revoked_at: number | string | null;
  last_used_at: number | string | null;
  created_at: number | string;
}

function toTenant(row: TenantRow): StoredTenant {
  return {
    id: row.id,
    name: row.name,
    limits: {
      ingestPerSecond: row.ingest_per_second,
      deliveriesPerSecond: row.deliveries_per_second,
      maxEndpoints: row.max_endpoints,
      maxPayloadBytes: row.max_payload_bytes,
      eventShards: row.event_shards,
    },
    operationsUrl: row.operations_url,
    hasOperationsSecret: row.operations_secret_encrypted !== null,
    operationsSecretEncrypted: row.operations_secret_encrypted,
    defaultEgressPoolId: row.default_egress_pool_id,
    requireRegisteredEventTypes: Boolean(row.require_registered_event_types),
    createdAt: ms(row.created_at),
    updatedAt: ms(row.updated_at),
  };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    prefix: row.prefix,
    expiresAt: msOrNull(row.expires_at),
    revokedAt: msOrNull(row.revoked_at),
    lastUsedAt: msOrNull(row.last_used_at),
    createdAt: ms(row.created_at),
  };
}

/** {@link TenantRepository} on MySQL/MariaDB or SQLite through knex. */
export class KnexTenantRepository implements TenantRepository {
  constructor(private readonly deps: { db: Database }) {}

  private get db() {
    return this.deps.db;
  }

  async insert(t: StoredTenant): Promise<void> {
    await this.db('tenants').insert({
      id: t.id,
      name: t.name,
      ingest_per_second: t.limits.ingestPerSecond,
      deliveries_per_second: t.limits.deliveriesPerSecond,
      max_endpoints: t.limits.maxEndpoints,
      max_payload_bytes: t.limits.maxPayloadBytes,
      event_shards: t.limits.eventShards,
      operations_url: t.operationsUrl,
      operations_secret_encrypted: t.operationsSecretEncrypted,
      default_egress_pool_id: t.defaultEgressPoolId,
      require_registered_event_types: t.requireRegisteredEventTypes,
      created_at: t.createdAt,
      updated_at: t.updatedAt,
    });
  }

  async get(id: string): Promise<StoredTenant | undefined> {
    const row = (await this.db('tenants').where({ id }).first()) as TenantRow | undefined;
    return row && toTenant(row);
  }

  async list({ limit, cursor }: PageRequest) {
    const rows = (await newestFirst(this.db('tenants'), cursor, limit)) as TenantRow[];
    return toPage(rows, limit, toTenant, (r) => ({ value: ms(r.created_at), id: r.id }));
  }

  async update(id: string, c: TenantChanges): Promise<StoredTenant | undefined> {
    const set: Record<string, unknown> = { updated_at: c.updatedAt };
    if (c.name !== undefined) set.name = c.name;
    if (c.limits?.ingestPerSecond !== undefined) set.ingest_per_second = c.limits.ingestPerSecond;
    if (c.limits?.deliveriesPerSecond !== undefined) set.deliveries_per_second = c.limits.deliveriesPerSecond;
    if (c.limits?.maxEndpoints !== undefined) set.max_endpoints = c.limits.maxEndpoints;
    if (c.limits?.maxPayloadBytes !== undefined) set.max_payload_bytes = c.limits.maxPayloadBytes;
    if (c.limits?.eventShards !== undefined) set.event_shards = c.limits.eventShards;
    if (c.operationsUrl !== undefined) set.operations_url = c.operationsUrl;
    if (c.operationsSecretEncrypted !== undefined)
      set.operations_secret_encrypted = c.operationsSecretEncrypted;
    if (c.defaultEgressPoolId !== undefined) set.default_egress_pool_id = c.defaultEgressPoolId;
    if (c.requireRegisteredEventTypes !== undefined)
      set.require_registered_event_types = c.requireRegisteredEventTypes;
    const changed = await this.db('tenants').where({ id }).update(set);
    return changed ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      // Tables without a foreign key to tenants are cleared explicitly, inside the same transaction.
      for (const table of [
        'attempts',
        'deliveries',
        'events',
        'dead_letters',
        'jobs',
        'operational_events',
        'endpoint_breakers',
        'endpoint_secrets',
        'tenant_stats',
      ]) {
        await trx(table).where({ tenant_id: id }).delete();
      }
      await trx('idempotency_records').where('scope', 'like', `${id}:%`).delete();
      return (await trx('tenants').where({ id }).delete()) > 0;
    });
  }

  async usage(tenantId: string, since: number) {
    const endpoints = (await this.db('endpoints')
      .where({ tenant_id: tenantId })
      .count({ n: '*' })
      .first()) as {
      n: number | string;
    };
    const events = (await this.db('events')
      .where({ tenant_id: tenantId })
      .andWhere('created_at', '>=', since)
      .count({ n: '*' })
      .first()) as { n: number | string };
    return { endpoints: Number(endpoints.n), eventsSince: Number(events.n) };
  }

  async insertApiKey(k: ApiKey & { keyHash: string }): Promise<void> {
    await this.db('api_keys').insert({
      id: k.id,
      tenant_id: k.tenantId,
      name: k.name,
      prefix: k.prefix,
      key_hash: k.keyHash,
      expires_at: k.expiresAt,
      revoked_at: k.revokedAt,
      last_used_at: k.lastUsedAt,
      created_at: k.createdAt,
    });
  }

  async getApiKey(tenantId: string, id: string): Promise<ApiKey | undefined> {
    const row = (await this.db('api_keys')
      .where({ tenant_id: tenantId, id })
      .whereNull('revoked_at')
      .first()) as ApiKeyRow | undefined;
    return row && toApiKey(row);
  }

  async listApiKeys(tenantId: string, { limit, cursor }: PageRequest) {
    const q = this.db('api_keys')
      .where({ tenant_id: tenantId })
      .whereNull('revoked_at')
      .orderBy('id', 'desc');
    if (cursor) void q.andWhere('id', '<', decodeTimeCursor(cursor).id);
    const rows = (await q.limit(limit + 1)) as ApiKeyRow[];
    return toPage(rows, limit, toApiKey, (r) => ({ value: ms(r.created_at), id: r.id }));
  }

  async updateApiKey(
    tenantId: string,
    id: string,
    c: { name?: string | null; expiresAt?: number | null; revokedAt?: number },
  ): Promise<ApiKey | undefined> {
    const set: Record<string, unknown> = {};
    if (c.name !== undefined) set.name = c.name;
    if (c.expiresAt !== undefined) set.expires_at = c.expiresAt;
    if (c.revokedAt !== undefined) set.revoked_at = c.revokedAt;
    const changed = await this.db('api_keys')
      .where({ tenant_id: tenantId, id })
      .whereNull('revoked_at')
      .update(set);
    if (!changed) return undefined;
    const row = (await this.db('api_keys').where({ tenant_id: tenantId, id }).first()) as ApiKeyRow;
    return toApiKey(row);
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKey | undefined> {
    const row = (await this.db('api_keys').where({ key_hash: keyHash }).first()) as ApiKeyRow | undefined;
    return row && toApiKey(row);
  }

  async touchApiKey(id: string, lastUsedAt: number): Promise<void> {
    await this.db('api_keys').where({ id }).update({ last_used_at: lastUsedAt });
  }
}
