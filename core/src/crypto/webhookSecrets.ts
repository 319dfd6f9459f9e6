import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { InvalidSecretError } from '../errors/index.js';

/** Prefix of an HMAC signing secret (Standard Webhooks symmetric). */
export const HMAC_SECRET_PREFIX = 'whsec_';
/** Prefix of an Ed25519 private signing key (Standard Webhooks asymmetric). */
export const ED25519_SECRET_PREFIX = 'whsk_';
/** Prefix of an Ed25519 public key, which receivers verify with. */
export const ED25519_PUBLIC_KEY_PREFIX = 'whpk_';

const HMAC_MIN_BYTES = 24;
const HMAC_MAX_BYTES = 64;
const HMAC_GENERATED_BYTES = 32;
const ED25519_KEY_BYTES = 32;
// PKCS#8 DER header of an Ed25519 private key (RFC 8410); the 32-byte seed follows it.
const PKCS8_ED25519_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');
// SubjectPublicKeyInfo DER header of an Ed25519 public key (RFC 8410); the 32-byte key follows it.
const SPKI_ED25519_HEADER = Buffer.from('302a300506032b6570032100', 'hex');

/** A new Ed25519 signing key: `secret` signs (kept by Caravan), `publicKey` verifies (given to receivers). */
export interface Ed25519Secret {
  /** `whsk_` + base64 of the 32-byte private key seed. */
  secret: string;
  /** `whpk_` + base64 of the raw 32-byte public key. */
  publicKey: string;
}

/** A new HMAC signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateHmacSecret(): string {
  return HMAC_SECRET_PREFIX + randomBytes(HMAC_GENERATED_BYTES).toString('base64');
}

/**
 * The HMAC key bytes of a `whsec_` secret, e.g. one a tenant supplied.
 *
 * @throws InvalidSecretError unless it is `whsec_` + canonical, padded base64 of 24–64 bytes (what the
 * receivers' Standard Webhooks libraries decode). The message never repeats the secret.
 */
export function parseHmacSecret(secret: string): Buffer {
  if (!secret.startsWith(HMAC_SECRET_PREFIX)) {
    const hint = secret.startsWith(ED25519_SECRET_PREFIX)
      ? ` ("${ED25519_SECRET_PREFIX}" is an Ed25519 key)`
      : '';
    throw new InvalidSecretError(`An HMAC secret must start with "${HMAC_SECRET_PREFIX}"${hint}`);
  }
  const key = decodeBase64(secret.slice(HMAC_SECRET_PREFIX.length));
  if (key === undefined) {
    throw new InvalidSecretError(
      `An HMAC secret must be "${HMAC_SECRET_PREFIX}" followed by standard base64 with padding`,
    );
  }
  if (key.length < HMAC_MIN_BYTES || key.length > HMAC_MAX_BYTES) {
    throw new InvalidSecretError(
      `An HMAC secret must decode to ${HMAC_MIN_BYTES}–${HMAC_MAX_BYTES} bytes, got ${key.length}`,
    );
  }
  return key;
}

/** A new Ed25519 key pair in the Standard Webhooks `whsk_` / `whpk_` form. */
export function generateEd25519Secret(): Ed25519Secret {
  const { privateKey } = generateKeyPairSync('ed25519');
  const { d, x } = privateKey.export({ format: 'jwk' });
  if (d === undefined || x === undefined)
    throw new Error('node:crypto exported an Ed25519 JWK without d or x');
  return {
    secret: ED25519_SECRET_PREFIX + Buffer.from(d, 'base64url').toString('base64'),
    publicKey: ED25519_PUBLIC_KEY_PREFIX + Buffer.from(x, 'base64url').toString('base64'),
  };
}

/**
 * The private key of a `whsk_` secret. The body is the 32-byte seed, or the 64-byte seed ‖ public key
 * form of libsodium, whose public half must then match the seed.
 *
 * @throws InvalidSecretError naming what is wrong; the message never repeats the secret.
 */
export function parseEd25519Secret(secret: string): KeyObject {
  if (!secret.startsWith(ED25519_SECRET_PREFIX)) {
    throw new InvalidSecretError(`An Ed25519 secret must start with "${ED25519_SECRET_PREFIX}"`);
  }
  const bytes = decodeBase64(secret.slice(ED25519_SECRET_PREFIX.length));
  if (bytes === undefined) {
    throw new InvalidSecretError(
      `An Ed25519 secret must be "${ED25519_SECRET_PREFIX}" followed by standard base64 with padding`,
    );
  }
  if (bytes.length !== ED25519_KEY_BYTES && bytes.length !== 2 * ED25519_KEY_BYTES) {
    throw new InvalidSecretError(
      `An Ed25519 secret must decode to a ${ED25519_KEY_BYTES}-byte seed (or seed and public key, ${2 * ED25519_KEY_BYTES} bytes), got ${bytes.length}`,
    );
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_HEADER, bytes.subarray(0, ED25519_KEY_BYTES)]),
    format: 'der',
    type: 'pkcs8',
  });
  if (
    bytes.length === 2 * ED25519_KEY_BYTES &&
    !rawPublicKey(privateKey).equals(bytes.subarray(ED25519_KEY_BYTES))
  ) {
    throw new InvalidSecretError('The public half of the 64-byte Ed25519 secret does not match its seed');
  }
  return privateKey;
}

/** The `whpk_` public key receivers verify with, for a `whsk_` secret. */
export function ed25519PublicKeyOf(secret: string): string {
  return ED25519_PUBLIC_KEY_PREFIX + rawPublicKey(parseEd25519Secret(secret)).toString('base64');
}

/** The public key of a `whpk_` string. @throws InvalidSecretError naming what is wrong. */
export function parseEd25519PublicKey(publicKey: string): KeyObject {
  if (!publicKey.startsWith(ED25519_PUBLIC_KEY_PREFIX)) {
    throw new InvalidSecretError(`An Ed25519 public key must start with "${ED25519_PUBLIC_KEY_PREFIX}"`);
  }
  const bytes = decodeBase64(publicKey.slice(ED25519_PUBLIC_KEY_PREFIX.length));
  if (bytes?.length !== ED25519_KEY_BYTES) {
    throw new InvalidSecretError(
      `An Ed25519 public key must be "${ED25519_PUBLIC_KEY_PREFIX}" followed by ${ED25519_KEY_BYTES} bytes in padded base64`,
    );
  }
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_HEADER, bytes]), format: 'der', type: 'spki' });
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  if (x === undefined) throw new Error('node:crypto exported an Ed25519 JWK without x');
  return Buffer.from(x, 'base64url');
}

// Node's decoder skips characters it does not know; receivers' libraries do not. Only text that
// re-encodes to itself is accepted, so what Caravan signs with is what the receiver decodes.
function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
