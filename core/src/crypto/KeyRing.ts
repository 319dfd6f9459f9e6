import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { CaravanConfig, DeepReadonly } from '../config/CaravanConfig.js';
import { ConfigError, DecryptionError } from '../errors/index.js';

/** The operator's key ring, as in `CaravanConfig['encryption']`. */
export type KeyRingConfig = DeepReadonly<CaravanConfig['encryption']>;

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

interface Envelope {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * Encrypts secrets at rest (endpoint secrets, source credentials) with AES-256-GCM under the operator's
 * key ring.
 *
 * A ciphertext is self-describing text, `v1:<keyId>:<iv>:<ciphertext+tag>` (base64url), so any key of the
 * ring decrypts what it encrypted. To rotate the master key without downtime: add a new key and make it
 * primary (new values use it, old ones still decrypt), re-encrypt rows lazily where
 * {@link KeyRing.needsReencryption} says so, and drop the old key once no row uses it.
 *
 * `aad` binds a ciphertext to its row (pass e.g. the endpoint id): decrypting it with another `aad`, as
 * when it was copied to another row, fails. Omitting `aad` is the same as passing `''`.
 */
export class KeyRing {
  /** The id of the key that encrypts new values. */
  readonly primaryKeyId: string;
  readonly #keys: ReadonlyMap<string, KeyObject>;

  /** @throws ConfigError when a key id or key is malformed, repeated, or the primary key is missing. */
  constructor(config: KeyRingConfig) {
    const keys = new Map<string, KeyObject>();
    config.keys.forEach(({ id, key }, i) => {
      if (!KEY_ID.test(id)) {
        throw new ConfigError([
          { path: `encryption.keys[${i}].id`, message: 'must be 1–32 characters of A-Z a-z 0-9 _ -' },
        ]);
      }
      if (keys.has(id)) {
        throw new ConfigError([{ path: `encryption.keys[${i}].id`, message: `"${id}" is used by two keys` }]);
      }
      if (!BASE64_KEY.test(key)) {
        throw new ConfigError([
          {
            path: `encryption.keys[${i}].key`,
            message: 'must be 32 random bytes, base64 (openssl rand -base64 32)',
          },
        ]);
      }
      keys.set(id, createSecretKey(Buffer.from(key, 'base64')));
    });
    if (!keys.has(config.primaryKeyId)) {
      throw new ConfigError([
        {
          path: 'encryption.primaryKeyId',
          message: `must name one of the key ring's ids (${[...keys.keys()].join(', ')})`,
        },
      ]);
    }
    this.primaryKeyId = config.primaryKeyId;
    this.#keys = keys;
  }

  /** Encrypts under the primary key with a fresh random IV: the same plaintext never gives the same text. */
  encrypt(plaintext: string | Uint8Array, aad = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key(this.primaryKeyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([
      cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return [VERSION, this.primaryKeyId, iv.toString('base64url'), data.toString('base64url')].join(':');
  }

  /**
   * Decrypts a value made by {@link KeyRing.encrypt} under any key of the ring.
   *
   * @throws DecryptionError when the text is malformed, its key is not in the ring, or it fails
   * authentication (altered, or `aad` differs from the one it was encrypted with).
   */
  decrypt(text: string, aad = ''): Buffer {
    const { keyId, iv, ciphertext, tag } = parse(text);
    const decipher = createDecipheriv(ALGORITHM, this.#key(keyId), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch (cause) {
      throw new DecryptionError(
        `Encrypted value under key "${keyId}" failed authentication: it was altered, or it belongs to another row`,
        { cause },
      );
    }
  }

  /** {@link KeyRing.decrypt}, as UTF-8 text. */
  decryptString(text: string, aad = ''): string {
    return this.decrypt(text, aad).toString('utf8');
  }

  /** The id of the key a value was encrypted with. @throws DecryptionError when the text is malformed. */
  keyIdOf(text: string): string {
    return parse(text).keyId;
  }

  /** Whether a value was encrypted under another key than the primary one and should be re-encrypted. */
  needsReencryption(text: string): boolean {
    return this.keyIdOf(text) !== this.primaryKeyId;
  }

  /**
   * The value encrypted under the primary key, bound to the same `aad`. The value is decrypted (and so
   * verified) first; a value already under the primary key comes back unchanged, so callers can write
   * the row only when the text changed.
   */
  reencrypt(text: string, aad = ''): string {
    const plaintext = this.decrypt(text, aad);
    return this.needsReencryption(text) ? this.encrypt(plaintext, aad) : text;
  }

  #key(keyId: string): KeyObject {
    const key = this.#keys.get(keyId);
    if (key === undefined) {
      throw new DecryptionError(
        `Encrypted value uses key "${keyId}", which is not in the encryption key ring (${[...this.#keys.keys()].join(', ')})`,
      );
    }
    return key;
  }
}

function parse(text: string): Envelope {
  const parts = text.split(':');
  const [version, keyId, iv, data] = parts;
  if (version !== VERSION && /^v\d+$/.test(version ?? '')) {
    throw new DecryptionError(
      `Encrypted value uses format ${version}; this Caravan version reads ${VERSION} only`,
    );
  }
  if (
    parts.length !== 4 ||
    version !== VERSION ||
    keyId === undefined ||
    !KEY_ID.test(keyId) ||
    iv === undefined ||
    !BASE64URL.test(iv) ||
    data === undefined ||
    !BASE64URL.test(data)
  ) {
    throw new DecryptionError('Encrypted value is not in the form v1:<keyId>:<iv>:<ciphertext>');
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const dataBytes = Buffer.from(data, 'base64url');
  if (ivBytes.length !== IV_BYTES || dataBytes.length < TAG_BYTES) {
    throw new DecryptionError(
      `Encrypted value under key "${keyId}" is truncated: expected a ${IV_BYTES}-byte IV and a ${TAG_BYTES}-byte tag`,
    );
  }
  return {
    keyId,
    iv: ivBytes,
    ciphertext: dataBytes.subarray(0, dataBytes.length - TAG_BYTES),
    tag: dataBytes.subarray(dataBytes.length - TAG_BYTES),
  };
}
