/** Operational events a tenant is told about (listed in the API, sent to its operations URL). */
export type OperationalEventType =
  'endpoint.disabled' | 'endpoint.recovered' | 'endpoint.breaker_opened' | 'delivery.exhausted';

export interface OperationalEvent {
  id: string;
  tenantId: string;
  type: OperationalEventType;
  /** The contract's event-specific `data` object. */
  data: Record<string, unknown>;
  createdAt: number;
}

/**
 * The id under which a tenant's operations URL is delivered to, like an endpoint: `ep_ops` + the
 * tenant id's body. A real endpoint id is `ep_` + an upper-case ULID, so the lower-case `ops` never
 * collides with one; no endpoint row exists for it (see docs/pipeline.md, "Operational events").
 */
export function operationsEndpointId(tenantId: string): string {
  return `ep_ops${tenantId.slice(tenantId.indexOf('_') + 1)}`;
}

/** The tenant whose operations target `endpointId` is, or `undefined` for an ordinary endpoint id. */
export function tenantOfOperationsEndpoint(endpointId: string): string | undefined {
  return endpointId.startsWith('ep_ops') ? `tnt_${endpointId.slice('ep_ops'.length)}` : undefined;
}

/** The fields of an event's `data` that the contract declares as date-times. */
const timestampFields = ['nextProbeAt', 'failingSince'] as const;

/** An instant as the contract writes it: ISO 8601 in UTC (`2026-01-01T00:00:00.000Z`). */
export const isoTimestamp = (ms: number): string => new Date(ms).toISOString();

/**
 * The contract's `OperationalEvent` object, as listed and as sent to the operations URL. Events stored
 * before the `data` timestamps were written as ISO 8601 hold epoch milliseconds there; they are
 * converted here, so every event reads the same whatever its age.
 */
export function operationalEventResource(event: OperationalEvent) {
  const data = { ...event.data };
  for (const field of timestampFields) {
    const value = data[field];
    if (typeof value === 'number') data[field] = isoTimestamp(value);
  }
  return { id: event.id, type: event.type, createdAt: isoTimestamp(event.createdAt), data };
}

/** The webhook body of an operational event: the contract's `OperationalEvent` object. */
export function operationalEventBody(event: OperationalEvent): string {
  return JSON.stringify(operationalEventResource(event));
}
