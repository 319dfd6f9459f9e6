import type {
  DisabledReason,
  Endpoint,
  EndpointStatus,
  PayloadFormat,
  SigningScheme,
} from '../../domain/endpoint.js';
import type { EndpointFilter } from '../../domain/endpointFilter.js';
import type { EndpointChanges, StoredEndpointSecret } from '../EndpointRepository.js';
import { headersOf, jsonOrNull, msOrNull } from './columns.js';

export interface EndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  owner_id: string | null;
  event_types: string;
  filter: string | null;
  headers: string | null;
  rate_limit_per_second: number | null;
  rate_limit_burst: number | null;
  max_concurrency: number | null;
  timeout_ms: number;
  retry_schedule: string | null;
  egress_pool_id: string | null;
  signing_scheme: string;
  payload_format: string;
  send_traceparent: boolean | number;
  destination_type: string;
  destination_config: string | null;
  destination_credentials_encrypted: string | null;
  status: string;
  disabled_reason: string | null;
  failing_since: number | string | null;
  created_at: number | string;
  updated_at: number | string;
  /** The current secret's public key, joined in. */
  current_public_key: string | null;
}

export interface SecretRow {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  scheme: string;
  secret_encrypted: string;
  public_key: string | null;
  created_at: number | string;
  expires_at: number | string | null;
}

export function toEndpoint(row: EndpointRow): Endpoint {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    description: row.description,
    ownerId: row.owner_id,
    eventTypes: JSON.parse(row.event_types) as string[],
    filter: row.filter === null ? null : (JSON.parse(row.filter) as EndpointFilter),
    headers: headersOf(row.headers),
    rateLimit:
      row.rate_limit_per_second === null
        ? null
        : { perSecond: row.rate_limit_per_second, burst: row.rate_limit_burst ?? row.rate_limit_per_second },
    maxConcurrency: row.max_concurrency,
    timeoutMs: row.timeout_ms,
    retrySchedule: row.retry_schedule === null ? null : (JSON.parse(row.retry_schedule) as number[]),
    egressPoolId: row.egress_pool_id,
    signingScheme: row.signing_scheme as SigningScheme,
    payloadFormat: row.payload_format as PayloadFormat,
    sendTraceparent: Boolean(row.send_traceparent),
    destination: {
      type: row.destination_type,
      config:
        row.destination_config === null
          ? null
          : (JSON.parse(row.destination_config) as Record<string, unknown>),
      credentialsEncrypted: row.destination_credentials_encrypted,
    },
    publicKey: row.signing_scheme === 'ed25519' ? row.current_public_key : null,
    status: row.status as EndpointStatus,
    disabledReason: row.disabled_reason as DisabledReason | null,
    failingSince: msOrNull(row.failing_since),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function endpointToRow(e: Endpoint): Omit<EndpointRow, 'current_public_key'> {
  return {
    id: e.id,
    tenant_id: e.tenantId,
    url: e.url,
    description: e.description,
    owner_id: e.ownerId,
    event_types: JSON.stringify(e.eventTypes),
    filter: jsonOrNull(e.filter),
    headers: JSON.stringify(e.headers),
    rate_limit_per_second: e.rateLimit?.perSecond ?? null,
    rate_limit_burst: e.rateLimit?.burst ?? null,
    max_concurrency: e.maxConcurrency,
    timeout_ms: e.timeoutMs,
    retry_schedule: jsonOrNull(e.retrySchedule),
    egress_pool_id: e.egressPoolId,
    signing_scheme: e.signingScheme,
    payload_format: e.payloadFormat,
    send_traceparent: e.sendTraceparent,
    destination_type: e.destination.type,
    destination_config: jsonOrNull(e.destination.config),
    destination_credentials_encrypted: e.destination.credentialsEncrypted,
    status: e.status,
    disabled_reason: e.disabledReason,
    failing_since: e.failingSince,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  };
}

/** The columns an update sets; omitted changes are left alone. */
export function changesToRow(c: EndpointChanges): Record<string, unknown> {
  const set: Record<string, unknown> = { updated_at: c.updatedAt };
  if (c.url !== undefined) set.url = c.url;
  if (c.description !== undefined) set.description = c.description;
  if (c.ownerId !== undefined) set.owner_id = c.ownerId;
  if (c.eventTypes !== undefined) set.event_types = JSON.stringify(c.eventTypes);
  if (c.filter !== undefined) set.filter = jsonOrNull(c.filter);
  if (c.headers !== undefined) set.headers = JSON.stringify(c.headers);
  if (c.rateLimit !== undefined) {
    set.rate_limit_per_second = c.rateLimit?.perSecond ?? null;
    set.rate_limit_burst = c.rateLimit?.burst ?? null;
  }
  if (c.maxConcurrency !== undefined) set.max_concurrency = c.maxConcurrency;
  if (c.timeoutMs !== undefined) set.timeout_ms = c.timeoutMs;
  if (c.payloadFormat !== undefined) set.payload_format = c.payloadFormat;
  if (c.sendTraceparent !== undefined) set.send_traceparent = c.sendTraceparent;
  if (c.retrySchedule !== undefined) set.retry_schedule = jsonOrNull(c.retrySchedule);
  if (c.egressPoolId !== undefined) set.egress_pool_id = c.egressPoolId;
  if (c.destination !== undefined) {
    set.destination_type = c.destination.type;
    set.destination_config = jsonOrNull(c.destination.config);
    set.destination_credentials_encrypted = c.destination.credentialsEncrypted;
  }
  return set;
}

export function toSecret(row: SecretRow): StoredEndpointSecret {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    endpointId: row.endpoint_id,
    scheme: row.scheme as SigningScheme,
    secretEncrypted: row.secret_encrypted,
    publicKey: row.public_key,
    createdAt: Number(row.created_at),
    expiresAt: msOrNull(row.expires_at),
  };
}

export function secretToRow(s: StoredEndpointSecret): SecretRow {
  return {
    id: s.id,
    tenant_id: s.tenantId,
    endpoint_id: s.endpointId,
    scheme: s.scheme,
    secret_encrypted: s.secretEncrypted,
    public_key: s.publicKey,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
  };
}
