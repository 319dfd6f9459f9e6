import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/** Every resource's id prefix, in the order of the API docs. */
export const ID_PREFIXES = [
  'tnt',
  'key',
  'ep',
  'sec',
  'evt',
  'dlv',
  'att',
  'src',
  'dl',
  'pool',
  'job',
  'oev',
] as const;

/** The type prefix of an id: `evt` in `evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N`. */
export type IdPrefix = (typeof ID_PREFIXES)[number];

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// A ULID's 48-bit time fills 50 bits, so its first character is 0–7 (until the year 10889).
const ULID_BODY = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const ULID_TIME_LENGTH = 10;

const ID_PATTERNS = new Map<string, RegExp>(
  ID_PREFIXES.map((prefix) => [prefix, new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`)]),
);

const nextUlid = monotonicFactory();

/**
 * A new id: the prefix, `_`, and a ULID (`evt_01JB9ZK6V3Q3Z6S8YQ3W8G4H2N`).
 *
 * Ids made by one process strictly increase, even within one millisecond or when `now` goes back: the
 * time part is then the latest time already used, so ids never sort before earlier ones.
 *
 * @param now - Epoch milliseconds for the time part (from the injected `Clock`); defaults to `Date.now()`.
 */
export function newId(prefix: IdPrefix, now?: number): string {
  return `${prefix}_${nextUlid(now)}`;
}

/**
 * The id of the event published by `tenantId` with `idempotencyKey`: always the same for the same pair,
 * so a retried publish maps to the event already made. Its body is a hash, not a ULID: it is not
 * time-ordered, and its first character is always `G`–`Z`, which no ULID has.
 */
export function derivedEventId(tenantId: string, idempotencyKey: string): string {
  const hash = hashParts('caravan/evt/v1', tenantId, idempotencyKey);
  // Setting the top bit of the first 5-bit group keeps derived bodies apart from ULIDs.
  hash.writeUInt8(hash.readUInt8(0) | 0x80, 0);
  return `evt_${crockford(hash, 26)}`;
}

/**
 * The id of the delivery of `eventId` to `endpointId`: always the same for the same pair, so replaying
 * routing creates no second delivery. When the event id is a ULID, the delivery id starts with its time
 * part, so the deliveries of one event sort by the event's time.
 */
export function derivedDeliveryId(eventId: string, endpointId: string): string {
  const hash = crockford(hashParts('caravan/dlv/v1', eventId, endpointId), 26);
  const eventBody = eventId.startsWith('evt_') ? eventId.slice(4) : '';
  const time = ULID_BODY.test(eventBody)
    ? eventBody.slice(0, ULID_TIME_LENGTH)
    : hash.slice(0, ULID_TIME_LENGTH);
  return `dlv_${time}${hash.slice(ULID_TIME_LENGTH)}`;
}

/** Whether `value` is an id with this prefix: the prefix, `_` and 26 upper-case Crockford base32 characters. */
export function isId(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && (ID_PATTERNS.get(prefix)?.test(value) ?? false);
}

// Each part is prefixed with its UTF-8 byte length, so ('a', 'bc') and ('ab', 'c') hash differently.
function hashParts(...parts: string[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = Buffer.from(part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  }
  return hash.digest();
}

/** The first `length` 5-bit groups of `bytes`, most significant bit first, in Crockford base32. */
function crockford(bytes: Buffer, length: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      bits -= 5;
      out += CROCKFORD[(buffer >> bits) & 31];
    }
    if (out.length === length) break;
  }
  return out;
}
