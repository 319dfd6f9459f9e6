/** A registered event type: a name and an optional JSON Schema every payload of that type must satisfy. */
export interface EventType {
  tenantId: string;
  /** Dot-separated segments of letters, digits, `_` and `-` (`invoice.paid`); unique in the tenant. */
  name: string;
  description: string | null;
  /** A JSON Schema (draft-07) document, or `null` to accept any payload. */
  schema: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
}
