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
