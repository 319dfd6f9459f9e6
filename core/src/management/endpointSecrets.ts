import {
  ed25519PublicKeyOf,
  generateEd25519Secret,
  generateHmacSecret,
  parseHmacSecret,
} from '../crypto/index.js';
import type { KeyRing } from '../crypto/KeyRing.js';
import type { SigningSecret } from '../crypto/signature.js';
import type { SigningScheme } from '../domain/endpoint.js';
import { newId } from '../domain/ids.js';
import { InvalidSecretError, invalidField } from '../errors/index.js';
import type { StoredEndpointSecret } from '../storage/EndpointRepository.js';

/** A new signing secret: its value (shown once) and the row that stores it encrypted. */
export interface NewEndpointSecret {
  value: string;
  stored: StoredEndpointSecret;
}

/**
 * The endpoint's next secret: the one the tenant supplied (checked against the scheme) or a generated
 * one, encrypted under the key ring with the secret's id as associated data.
 *
 * @throws ValidationError on `secret` when a supplied secret is not a valid secret of the scheme.
 */
export function newEndpointSecret(
  keyRing: KeyRing,
  ids: { tenantId: string; endpointId: string },
  scheme: SigningScheme,
  supplied: string | undefined,
  now: number,
): NewEndpointSecret {
  const { value, publicKey } = secretFor(scheme, supplied);
  const id = newId('sec', now);
  return {
    value,
    stored: {
      id,
      tenantId: ids.tenantId,
      endpointId: ids.endpointId,
      scheme,
      secretEncrypted: keyRing.encrypt(value, id),
      publicKey,
      createdAt: now,
      expiresAt: null,
    },
  };
}

function secretFor(scheme: SigningScheme, supplied: string | undefined) {
  if (supplied === undefined) {
    if (scheme === 'hmac') return { value: generateHmacSecret(), publicKey: null };
    const pair = generateEd25519Secret();
    return { value: pair.secret, publicKey: pair.publicKey };
  }
  try {
    if (scheme === 'hmac') {
      parseHmacSecret(supplied);
      return { value: supplied, publicKey: null };
    }
    return { value: supplied, publicKey: ed25519PublicKeyOf(supplied) };
  } catch (error) {
    if (!(error instanceof InvalidSecretError)) throw error;
    const kind = scheme === 'hmac' ? 'an HMAC (whsec_…)' : 'an Ed25519 (whsk_…)';
    throw invalidField(['secret'], `must be ${kind} secret for this endpoint: ${error.message}`);
  }
}

/** Decrypts a stored secret for signing. */
export function signingSecretOf(keyRing: KeyRing, s: StoredEndpointSecret): SigningSecret {
  return { scheme: s.scheme, secret: keyRing.decryptString(s.secretEncrypted, s.id) };
}
