import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What every tenant API key starts with. */
export const API_KEY_PREFIX = 'ck_live_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 43 base62 characters carry 256 bits, like 32 random bytes.
const RANDOM_LENGTH = 43;
// The spec's ApiKeyPrefix: `ck_live_` and 6 characters, enough to recognise a key in a list.
const LISTED_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A new tenant API key: `key` is shown once, `hash` is stored, `prefix` is shown in lists. */
export interface GeneratedApiKey {
  key: string;
  prefix: string;
  hash: string;
}

/** A new random tenant API key, `ck_live_` + 43 base62 characters (256 bits). */
export function generateApiKey(): GeneratedApiKey {
  const key = API_KEY_PREFIX + randomBase62(RANDOM_LENGTH);
  return { key, prefix: key.slice(0, LISTED_PREFIX_LENGTH), hash: hashApiKey(key) };
}

const WELL_FORMED = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH}}$`);

/** Whether `key` has the form of a tenant API key; only such a key can be stored, so only it is looked up. */
export function isWellFormedApiKey(key: string): boolean {
  return WELL_FORMED.test(key);
}

/** The stored form of an API key: SHA-256 of its UTF-8 text, lower-case hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether `key` is the key stored as `hash`, compared in constant time. A malformed hash never matches. */
export function apiKeyMatches(key: string, hash: string): boolean {
  if (!SHA256_HEX.test(hash)) return false;
  return timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), Buffer.from(hash, 'hex'));
}

/**
 * Whether two strings are equal, in time that depends on neither their content nor their lengths: both
 * are hashed first, so timingSafeEqual always compares 32 bytes. For the admin key.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

// Rejection sampling keeps every character equally likely: 248 = 4 × 62, so bytes ≥ 248 are dropped.
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}
