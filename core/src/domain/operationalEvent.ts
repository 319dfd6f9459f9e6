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

/** The webhook body of an operational event: the contract's `OperationalEvent` object. */
export function operationalEventBody(event: OperationalEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
}
