import { createHash } from 'node:crypto';
import { validateCustomHeaders } from '../domain/customHeaders.js';

const MAX_HEADERS = 20;
const MAX_NAME = 64;
const MAX_VALUE = 1024;
const MAX_KEY = 256;
const NOT_TCHAR = /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/g;

/**
 * The default idempotency key of a broker message: the source id and the broker's message id, so a
 * redelivery is the same event and two sources (or a source and the REST API) never collide. A message id
 * too long for the key is replaced by its SHA-256.
 */
export function brokerIdempotencyKey(sourceId: string, messageId: string): string {
  const key = `${sourceId}:${messageId}`;
  if (key.length <= MAX_KEY) return key;
  return `${sourceId}:sha256:${createHash('sha256').update(messageId).digest('hex')}`;
}

/**
 * The event's headers: the message's own explicit headers first (they are checked by ingest and reject
 * the message when invalid, as on the REST API), then the broker attributes not used for routing,
 * sanitised to valid header names. An attribute that still cannot be a header (reserved, connection
 * level, control characters, too long) or repeats a name already present is dropped, never a reason to
 * reject the message: the producer did not write it as a header. At most 20 headers in all.
 */
export function eventHeaders(
  explicit: Readonly<Record<string, string>> | undefined,
  attributes: Readonly<Record<string, string>>,
  used: ReadonlySet<string>,
): Record<string, string> | undefined {
  const headers: Record<string, string> = { ...explicit };
  const taken = new Set(Object.keys(headers).map((n) => n.toLowerCase()));
  for (const [rawName, value] of Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (Object.keys(headers).length >= MAX_HEADERS) break;
    if (used.has(rawName)) continue;
    const name = rawName.replace(NOT_TCHAR, '-').slice(0, MAX_NAME);
    if (name === '' || taken.has(name.toLowerCase()) || value.length > MAX_VALUE) continue;
    if (validateCustomHeaders({ [name]: value }).length > 0) continue;
    headers[name] = value;
    taken.add(name.toLowerCase());
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}
