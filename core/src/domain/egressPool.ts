import { isIP } from 'node:net';
import type { FieldError, FieldPath } from '../errors/index.js';

/** `bind`: requests leave from local addresses; `proxy`: through forward proxies. */
export type EgressPoolMode = 'bind' | 'proxy';

/** An operator-defined set of outbound addresses and the public IPs receivers allowlist. */
export interface EgressPool {
  id: string;
  name: string;
  mode: EgressPoolMode;
  /** IP literals (`bind`) or proxy URLs with their credentials (`proxy`): never shown as stored. */
  addresses: string[];
  publicIps: string[];
  /** Every tenant may use the pool; `allowedTenantIds` is then ignored. */
  allowAllTenants: boolean;
  allowedTenantIds: string[];
  createdAt: number;
  updatedAt: number;
}

/** A pool as a tenant that may use it sees it. */
export interface TenantEgressPool {
  id: string;
  name: string;
  publicIps: string[];
  /** Whether it is the tenant's default pool. */
  isDefault: boolean;
}

/** What responses show for proxy credentials. */
export const MASKED_CREDENTIALS = '***';

/** Every address that does not fit the mode, named under `at` (`['addresses', 1]`). */
export function egressAddressErrors(
  mode: EgressPoolMode,
  addresses: readonly string[],
  at: FieldPath,
): FieldError[] {
  const errors: FieldError[] = [];
  addresses.forEach((address, i) => {
    const problem = mode === 'bind' ? bindAddressProblem(address) : proxyUrlProblem(address);
    if (problem) errors.push({ path: [...at, i], message: problem });
  });
  return errors;
}

/** Every entry that is not an IPv4 or IPv6 address, named under `at`. */
export function ipAddressErrors(ips: readonly string[], at: FieldPath): FieldError[] {
  return ips.flatMap((ip, i) =>
    isIP(ip) === 0 ? [{ path: [...at, i], message: 'must be an IPv4 or IPv6 address' }] : [],
  );
}

/** The address as responses show it: a proxy URL's credentials become `***`. */
export function maskEgressAddress(address: string): string {
  const url = parseUrl(address);
  if (!url || (url.username === '' && url.password === '')) return address;
  // Like the URL parser: the credentials end at the last `@` before the authority ends.
  const start = address.indexOf('//') + 2;
  const end = address.slice(start).search(/[/?#\\]/);
  const authority = end === -1 ? address.slice(start) : address.slice(start, start + end);
  const at = authority.lastIndexOf('@');
  if (at === -1) return address;
  return `${address.slice(0, start)}${MASKED_CREDENTIALS}${address.slice(start + at)}`;
}

/**
 * Puts back stored credentials where an update sends an address as responses show it
 * (`http://***@proxy:3128`), so reading a pool and sending its addresses back keeps the secrets.
 * Answers the errors for masked addresses that match no stored one.
 */
export function unmaskEgressAddresses(
  sent: readonly string[],
  stored: readonly string[],
  at: FieldPath,
): { addresses: string[]; errors: FieldError[] } {
  const byMasked = new Map(stored.map((a) => [maskEgressAddress(a), a]));
  const errors: FieldError[] = [];
  const addresses = sent.map((address, i) => {
    if (parseUrl(address)?.username !== MASKED_CREDENTIALS) return address;
    const original = byMasked.get(address);
    if (original !== undefined && original !== address) return original;
    errors.push({
      path: [...at, i],
      message: `credentials shown as ${MASKED_CREDENTIALS} can only be sent back for an address the pool already has`,
    });
    return address;
  });
  return { addresses, errors };
}

function bindAddressProblem(address: string): string | undefined {
  return isIP(address) === 0 ? 'must be an IPv4 or IPv6 address for a bind pool' : undefined;
}

function proxyUrlProblem(address: string): string | undefined {
  const url = parseUrl(address);
  const expected = 'must be an http:// or https:// proxy URL (http://user:password@host:port)';
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return expected;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return 'must be a proxy URL without a path, query or fragment';
  }
  return undefined;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
