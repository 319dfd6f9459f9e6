import type { KeyRing } from '../crypto/KeyRing.js';
import type { Clock } from '../domain/Clock.js';
import type { Principal } from './TenantService.js';

/** Prefix of customer portal tokens, so authentication tells them from API keys without a lookup. */
export const PORTAL_TOKEN_PREFIX = 'cpt_';
const AAD = 'caravan portal token v1';

export type PortalPrincipal = Extract<Principal, { kind: 'portal' }>;

interface Sealed {
  t: string;
  o: string;
  e: number;
}

/**
 * Customer portal tokens: a tenant, one of its owners and an expiry, sealed with the key ring
 * (AES-256-GCM, authenticated), so nothing is stored and a token cannot be forged or altered. Any key of
 * the ring opens a token, so rotating the ring's primary key keeps issued tokens working until they
 * expire; removing a key from the ring voids the tokens sealed with it.
 */
export class PortalTokenService {
  constructor(private readonly deps: { keyRing: KeyRing; clock: Clock }) {}

  issue(input: { tenantId: string; ownerId: string; ttlSeconds: number }): {
    token: string;
    expiresAt: number;
  } {
    const expiresAt = this.deps.clock.now() + input.ttlSeconds * 1000;
    const sealed: Sealed = { t: input.tenantId, o: input.ownerId, e: expiresAt };
    const text = this.deps.keyRing.encrypt(JSON.stringify(sealed), AAD);
    return { token: PORTAL_TOKEN_PREFIX + Buffer.from(text, 'utf8').toString('base64url'), expiresAt };
  }

  /** The principal of a live, untampered token; `undefined` for anything else. */
  verify(token: string): PortalPrincipal | undefined {
    if (!token.startsWith(PORTAL_TOKEN_PREFIX) || token.length > 2048) return undefined;
    let sealed: Sealed;
    try {
      const encoded = token.slice(PORTAL_TOKEN_PREFIX.length);
      const bytes = Buffer.from(encoded, 'base64url');
      // The decoder skips stray characters; a token is exactly what `issue` wrote.
      if (bytes.toString('base64url') !== encoded) return undefined;
      const text = bytes.toString('utf8');
      sealed = JSON.parse(this.deps.keyRing.decryptString(text, AAD)) as Sealed;
    } catch {
      return undefined;
    }
    if (typeof sealed.t !== 'string' || typeof sealed.o !== 'string' || typeof sealed.e !== 'number') {
      return undefined;
    }
    if (sealed.e <= this.deps.clock.now()) return undefined;
    return { kind: 'portal', tenantId: sealed.t, ownerId: sealed.o, expiresAt: sealed.e };
  }
}
