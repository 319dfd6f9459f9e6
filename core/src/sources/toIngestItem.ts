import { toPointer, type CaravanErrorCode } from '../errors/index.js';
import { memberSpan, payloadSpan } from '../ingest/payloadSpan.js';
import type { IngestItem } from '../ingest/ingestItem.js';
import type { RawFormatOptions, SourceFormat } from '../storage/SourceRepository.js';
import { brokerIdempotencyKey, eventHeaders } from './messageHeaders.js';

/** The source settings a conversion needs. */
export interface ConversionSource {
  id: string;
  format: SourceFormat;
  raw: RawFormatOptions | null;
}

/** The message parts a conversion needs (a `SourceMessage` or a stored dead letter). */
export interface ConversionMessage {
  id: string;
  body: Uint8Array;
  attributes: Readonly<Record<string, string>>;
}

/** What a message is rejected for: its bytes, its envelope, or what ingest found (size, schema). */
export const REJECTION_CODES = [
  'CARAVAN_MALFORMED_JSON',
  'CARAVAN_VALIDATION_FAILED',
  'CARAVAN_PAYLOAD_TOO_LARGE',
  'CARAVAN_PAYLOAD_SCHEMA_MISMATCH',
] as const satisfies readonly CaravanErrorCode[];

/**
 * Why a message cannot become an event, in the contract's DeadLetterReason terms (as stored): each
 * field is a JSON Pointer into the message, starting at `/body` or `/attributes`.
 */
export interface RejectionReason {
  code: (typeof REJECTION_CODES)[number];
  message: string;
  errors: { field: string; message: string }[];
}

export type Conversion = { ok: true; item: IngestItem } | { ok: false; reason: RejectionReason };

/** The Convoy routing attribute (also accepted inside `custom_headers`, as Convoy does). */
export const CONVOY_MESSAGE_TYPE = 'x-convoy-message-type';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns one broker message into an event to ingest, with no I/O. Only the envelope is checked here
 * (JSON, field types, routing); the event type name, ids, header rules, size and schema are checked by
 * ingest like for the REST API. The payload text is the exact bytes of the payload inside the body.
 * The tenant is never read from the message: the caller ingests for the source's tenant.
 */
export function toIngestItem(source: ConversionSource, message: ConversionMessage): Conversion {
  const bytes = Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength);
  let text: string;
  let body: unknown;
  try {
    text = decoder.decode(bytes);
    body = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return reject('CARAVAN_MALFORMED_JSON', '/body', `is not UTF-8 JSON: ${detail}`);
  }
  const defaultKey = brokerIdempotencyKey(source.id, message.id);
  if (source.format === 'raw') return fromRaw(source, message, text, body, defaultKey);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return reject('CARAVAN_VALIDATION_FAILED', '/body', 'must be a JSON object');
  const doc = body as Record<string, unknown>;
  return source.format === 'convoy'
    ? fromConvoy(doc, bytes, message, defaultKey)
    : fromCaravan(doc, bytes, message, defaultKey);
}

function fromCaravan(doc: Record<string, unknown>, bytes: Buffer, message: ConversionMessage, key: string) {
  const errors = new Problems();
  const allowed = ['eventType', 'payload', 'idempotencyKey', 'endpointId', 'ownerId', 'headers'];
  for (const name of Object.keys(doc))
    if (!allowed.includes(name)) errors.add(`/body/${name}`, 'is not an allowed field');
  const eventType = errors.string(doc, 'eventType', true);
  if (!('payload' in doc)) errors.add('/body/payload', 'is required');
  const idempotencyKey = errors.string(doc, 'idempotencyKey');
  const endpointId = errors.string(doc, 'endpointId');
  const ownerId = errors.string(doc, 'ownerId');
  const headers = errors.headers(doc, 'headers');
  if (errors.any() || eventType === undefined) return errors.rejection();
  const span = payloadSpan(bytes);
  return accept({
    eventType,
    payloadText: bytes.toString('utf8', span.start, span.end),
    payload: doc.payload,
    idempotencyKey: idempotencyKey ?? key,
    endpointId,
    ownerId,
    headers: eventHeaders(headers, message.attributes, new Set()),
  });
}

function fromConvoy(doc: Record<string, unknown>, bytes: Buffer, message: ConversionMessage, key: string) {
  const errors = new Problems();
  const eventType = errors.string(doc, 'event_type', true);
  if (!('data' in doc)) errors.add('/body/data', 'is required');
  const idempotencyKey = errors.string(doc, 'idempotency_key');
  const endpointId = errors.string(doc, 'endpoint_id');
  const ownerId = errors.string(doc, 'owner_id');
  const custom = errors.headers(doc, 'custom_headers');
  if (errors.any() || eventType === undefined) return errors.rejection();
  const { [CONVOY_MESSAGE_TYPE]: typeHeader, ...headers } = custom ?? {};
  const type = message.attributes[CONVOY_MESSAGE_TYPE] ?? typeHeader;
  const routing = convoyRouting(type, endpointId, ownerId);
  if ('problem' in routing) return reject('CARAVAN_VALIDATION_FAILED', routing.field, routing.problem);
  const span = memberSpan(bytes, 'data');
  if (!span) return reject('CARAVAN_VALIDATION_FAILED', '/body/data', 'is required');
  return accept({
    eventType,
    payloadText: bytes.toString('utf8', span.start, span.end),
    payload: doc.data,
    idempotencyKey: idempotencyKey ?? key,
    endpointId: routing.endpointId,
    ownerId: routing.ownerId,
    headers: eventHeaders(headers, message.attributes, new Set([CONVOY_MESSAGE_TYPE])),
  });
}

type Routing = { endpointId?: string; ownerId?: string } | { field: string; problem: string };

/**
 * Convoy's `x-convoy-message-type`: `single` sends to `endpoint_id` (required), `fanout` to every
 * endpoint of `owner_id` (required), `broadcast` to every subscribed endpoint, ignoring both. Without
 * the attribute the fields decide: `endpoint_id` → single, else `owner_id` → fanout; neither is refused
 * (Convoy refuses it too; broadcast must be asked for).
 */
function convoyRouting(type: string | undefined, endpointId?: string, ownerId?: string): Routing {
  const at = `/attributes/${CONVOY_MESSAGE_TYPE}`;
  switch (type ?? (endpointId ? 'single' : ownerId ? 'fanout' : undefined)) {
    case 'single':
      return endpointId ? { endpointId } : { field: '/body/endpoint_id', problem: 'is required for single' };
    case 'fanout':
      return ownerId ? { ownerId } : { field: '/body/owner_id', problem: 'is required for fanout' };
    case 'broadcast':
      return {};
    case undefined:
      return {
        field: '/body/endpoint_id',
        problem: `is required (or owner_id, or ${CONVOY_MESSAGE_TYPE}: broadcast)`,
      };
    default:
      return { field: at, problem: 'must be single, fanout or broadcast' };
  }
}

function fromRaw(
  source: ConversionSource,
  message: ConversionMessage,
  text: string,
  payload: unknown,
  key: string,
): Conversion {
  const options = source.raw;
  if (!options) return reject('CARAVAN_VALIDATION_FAILED', '/body', 'the source has no raw format options');
  const attr = (name: string | undefined) => (name === undefined ? undefined : message.attributes[name]);
  const eventType = attr(options.eventTypeAttribute);
  if (eventType === undefined)
    return reject(
      'CARAVAN_VALIDATION_FAILED',
      toPointer(['attributes', options.eventTypeAttribute]),
      'is required',
    );
  const used = new Set(
    [
      options.eventTypeAttribute,
      options.endpointIdAttribute,
      options.ownerIdAttribute,
      options.idempotencyKeyAttribute,
    ].filter((n): n is string => n !== undefined),
  );
  return accept({
    eventType,
    // JSON text may have whitespace around the value; the value's bytes are what is kept.
    payloadText: text.trim(),
    payload,
    idempotencyKey: attr(options.idempotencyKeyAttribute) ?? key,
    endpointId: attr(options.endpointIdAttribute),
    ownerId: attr(options.ownerIdAttribute),
    headers: eventHeaders(undefined, message.attributes, used),
  });
}

function accept(item: IngestItem): Conversion {
  // exactOptionalPropertyTypes: leave absent fields out rather than set them to undefined.
  const clean = Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
  return { ok: true, item: clean as unknown as IngestItem };
}

function reject(code: RejectionReason['code'], field: string, message: string): Conversion {
  return { ok: false, reason: { code, message: `${field}: ${message}`, errors: [{ field, message }] } };
}

class Problems {
  private readonly errors: { field: string; message: string }[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  string(doc: Record<string, unknown>, name: string, required = false): string | undefined {
    const value = doc[name];
    if (value === undefined) {
      if (required) this.add(`/body/${name}`, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') this.add(`/body/${name}`, 'must be a string');
    return typeof value === 'string' ? value : undefined;
  }

  headers(doc: Record<string, unknown>, name: string): Record<string, string> | undefined {
    const value = doc[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.add(`/body/${name}`, 'must be an object of strings');
      return undefined;
    }
    for (const [k, v] of Object.entries(value))
      if (typeof v !== 'string') this.add(toPointer(['body', name, k]), 'must be a string');
    return value as Record<string, string>;
  }

  any(): boolean {
    return this.errors.length > 0;
  }

  rejection(): Conversion {
    const first = this.errors[0];
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : '';
    return {
      ok: false,
      reason: {
        code: 'CARAVAN_VALIDATION_FAILED',
        message: first ? `${first.field}: ${first.message}${more}` : 'invalid message',
        errors: this.errors.slice(0, 100),
      },
    };
  }
}
