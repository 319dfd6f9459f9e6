import { validateCustomHeaders } from '../domain/customHeaders.js';
import type { FieldError, FieldPath } from '../errors/index.js';

/** One event to ingest, as the API or a broker source hands it over. */
export interface IngestItem {
  eventType: string;
  /** The exact JSON text of the payload; this is what is stored and delivered. */
  payloadText: string;
  /** `payloadText` parsed, for the event type's schema. */
  payload: unknown;
  idempotencyKey?: string | undefined;
  endpointId?: string | undefined;
  ownerId?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
}

// The contract's limits (SendEventRequest). The API has checked them already; broker sources have not.
const EVENT_TYPE = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/;
const ENDPOINT_ID = /^ep_[0-9A-Za-z]+$/;
const MAX_EVENT_TYPE = 128;
const MAX_KEY = 256;
const MAX_OWNER_ID = 256;
const MAX_HEADERS = 20;
const MAX_HEADER_VALUE = 1024;

/**
 * Every problem with an item's envelope (not its payload), each named under `at` (`['events', 3]`):
 * the contract's shape rules, then the custom-header rules (reserved and connection-level names).
 */
export function ingestItemProblems(item: IngestItem, at: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string) => errors.push({ path: [...at, field], message });
  if (!EVENT_TYPE.test(item.eventType) || item.eventType.length > MAX_EVENT_TYPE) {
    bad(
      'eventType',
      `must be dot-separated segments of letters, digits, _ and - (at most ${MAX_EVENT_TYPE})`,
    );
  }
  if (item.idempotencyKey !== undefined && !lengthWithin(item.idempotencyKey, MAX_KEY)) {
    bad('idempotencyKey', `must be 1 to ${MAX_KEY} characters`);
  }
  if (item.endpointId !== undefined && (!ENDPOINT_ID.test(item.endpointId) || item.endpointId.length > 64)) {
    bad('endpointId', 'must be an endpoint id (ep_…)');
  }
  if (item.ownerId !== undefined && !lengthWithin(item.ownerId, MAX_OWNER_ID)) {
    bad('ownerId', `must be 1 to ${MAX_OWNER_ID} characters`);
  }
  const headers = item.headers ?? {};
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) bad('headers', `must have at most ${MAX_HEADERS} headers`);
  for (const name of names) {
    const value = headers[name];
    if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE) {
      errors.push({
        path: [...at, 'headers', name],
        message: `must be a string of at most ${MAX_HEADER_VALUE} characters`,
      });
    }
  }
  errors.push(...validateCustomHeaders(headers, [...at, 'headers']));
  return errors;
}

function lengthWithin(value: string, max: number): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}
