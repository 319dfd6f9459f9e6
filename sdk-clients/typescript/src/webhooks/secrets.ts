import { WebhookVerificationError } from './WebhookVerificationError.js';

/** A loaded secret: which signature version it checks, and how. */
export interface SigningSecret {
  version: 'v1' | 'v1a';
  verify(signature: Uint8Array<ArrayBuffer>, content: Uint8Array<ArrayBuffer>): Promise<boolean>;
  sign(content: Uint8Array<ArrayBuffer>): Promise<Uint8Array>;
}

// PKCS#8 DER header of an Ed25519 private key (RFC 8410); the 32-byte seed follows it.
const PKCS8_ED25519_HEADER = [
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/**
 * Imports a Standard Webhooks secret into Web Crypto: `whsec_` (or bare base64, as the reference libraries
 * accept) for HMAC-SHA256, `whpk_` for an Ed25519 public key, `whsk_` for an Ed25519 signing key (32-byte
 * seed, or libsodium's 64-byte seed ‖ public key).
 */
export async function loadSecret(secret: string): Promise<SigningSecret> {
  const subtle = globalThis.crypto.subtle;
  if (secret.startsWith('whpk_')) {
    const key = await subtle.importKey('raw', bytesOf(secret.slice(5)), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return {
      version: 'v1a',
      verify: (signature, content) => subtle.verify({ name: 'Ed25519' }, key, signature, content),
      sign: () =>
        Promise.reject(new WebhookVerificationError('a whpk_ public key cannot sign; use the whsk_ key')),
    };
  }
  if (secret.startsWith('whsk_')) {
    const seed = bytesOf(secret.slice(5)).slice(0, 32);
    const pkcs8 = new Uint8Array([...PKCS8_ED25519_HEADER, ...seed]);
    const privateKey = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
    // Web Crypto cannot derive a public key directly; the private key's JWK carries it (`x`).
    const jwk = await subtle.exportKey('jwk', privateKey);
    const publicKey = await subtle.importKey(
      'jwk',
      { kty: 'OKP', crv: 'Ed25519', x: jwk.x! },
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    return {
      version: 'v1a',
      verify: (signature, content) => subtle.verify({ name: 'Ed25519' }, publicKey, signature, content),
      sign: async (content) => new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, content)),
    };
  }
  const raw = bytesOf(secret.startsWith('whsec_') ? secret.slice(6) : secret);
  const key = await subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  return {
    version: 'v1',
    // Web Crypto's HMAC verify compares in constant time, unlike comparing base64 strings.
    verify: (signature, content) => subtle.verify('HMAC', key, signature, content),
    sign: async (content) => new Uint8Array(await subtle.sign('HMAC', key, content)),
  };
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new WebhookVerificationError('the secret is not valid base64');
  }
  if (binary.length === 0) throw new WebhookVerificationError('the secret is empty');
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
