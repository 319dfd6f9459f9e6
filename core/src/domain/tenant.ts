/** Limits the operator sets for a tenant. */
export interface TenantLimits {
  ingestPerSecond: number;
  deliveriesPerSecond: number;
  maxEndpoints: number;
  maxPayloadBytes: number;
  /**
   * How many shards of the `events` topic the tenant's events are spread over (1–64): its backlog sits in
   * at most this many partitions, so other tenants' events are not queued behind it.
   */
  eventShards: number;
}

/** An API provider: owns every other resource and is isolated from all other tenants. */
export interface Tenant {
  id: string;
  name: string;
  limits: TenantLimits;
  operationsUrl: string | null;
  hasOperationsSecret: boolean;
  defaultEgressPoolId: string | null;
  /** Ingest refuses events whose type is not registered (`event-types`); off: any type is accepted. */
  requireRegisteredEventTypes: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A tenant API key as stored: never the key itself, only its hash. */
export interface ApiKey {
  id: string;
  tenantId: string;
  name: string | null;
  prefix: string;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
}

/** Whether an API key authenticates at `now`. */
export function apiKeyIsLive(key: Pick<ApiKey, 'expiresAt' | 'revokedAt'>, now: number): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
}
