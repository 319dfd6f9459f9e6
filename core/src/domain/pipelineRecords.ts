import type { StoredEvent } from './event.js';

/** An accepted event as the `events` topic carries it: the event as it will be stored, versioned. */
export interface EventRecord extends StoredEvent {
  v: 1;
  /**
   * In memory only, never encoded: the W3C trace context the record's log headers carried
   * (`traceparent`), which the router continues and stores with the event for later attempts.
   */
  trace?: string;
}

/** One delivery to send, as the `deliveries` topic carries it. */
export interface DeliveryRecord {
  v: 1;
  deliveryId: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: string;
  headers: Record<string, string>;
  eventCreatedAt: number;
  /** The delivery's attempt count when this record was appended; a record that no longer matches is stale. */
  attempt: number;
  /** What queued this attempt: automatic (`scheduled`, the default) or a retry/recover/replay call (`manual`). */
  trigger?: 'scheduled' | 'manual';
}

export function encodeRecord(record: EventRecord | DeliveryRecord): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8');
}

/** Decodes an `events` record; throws on a record this version does not understand. */
export function decodeEventRecord(value: Buffer): EventRecord {
  const record = JSON.parse(value.toString('utf8')) as EventRecord;
  if (record.v !== 1 || typeof record.id !== 'string' || typeof record.payload !== 'string') {
    throw new Error(`unsupported events record (v=${String(record.v)})`);
  }
  return record;
}

/** Decodes a `deliveries` record; throws on a record this version does not understand. */
export function decodeDeliveryRecord(value: Buffer): DeliveryRecord {
  const record = JSON.parse(value.toString('utf8')) as DeliveryRecord;
  if (record.v !== 1 || typeof record.deliveryId !== 'string' || typeof record.payload !== 'string') {
    throw new Error(`unsupported deliveries record (v=${String(record.v)})`);
  }
  return record;
}
