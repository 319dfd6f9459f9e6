import { isIP, type BlockList } from 'node:net';
import { classifyAddress, type HostResolver } from '../../domain/urlGuard.js';
import { UrlNotAllowedError } from '../../errors/index.js';

/** A webhook URL rewritten to the address the SSRF guard checked, and the `Host` header it had. */
export interface ProxyTarget {
  url: string;
  host: string;
}

/**
 * The SSRF guard for requests sent through a forward proxy. The proxy resolves the names it is asked to
 * connect to, so a guard on our own connections never sees the target: the target is resolved and
 * checked here, before the CONNECT, and the URL is rewritten to the checked address so the proxy
 * connects exactly there (no DNS-rebinding window). The original authority stays in the `Host` header,
 * from which undici also takes the TLS server name (SNI and certificate check), so HTTPS receivers see
 * the name they expect.
 *
 * @throws UrlNotAllowedError when any address the host resolves to is refused; the resolver's error
 * (`ENOTFOUND`, …) when it cannot be resolved.
 */
export async function checkedProxyTarget(
  url: string,
  allowlist: BlockList,
  resolve: HostResolver,
): Promise<ProxyTarget> {
  const parsed = new URL(url);
  const host = parsed.host;
  const name = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  // IP literals were checked by the sender already; there is nothing to resolve.
  if (isIP(name)) return { url, host };
  const addresses = await resolve(name);
  const refused = addresses.map((a) => classifyAddress(a, allowlist)).find((v) => !v.allowed);
  if (refused) {
    throw new UrlNotAllowedError(
      'url',
      `${name} resolves to ${refused.address} (${refused.category}), which the SSRF guard refuses`,
    );
  }
  const address = addresses.find((a) => isIP(a) === 4) ?? addresses.find((a) => isIP(a) === 6);
  if (address === undefined) {
    const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${name}`);
    error.code = 'ENOTFOUND';
    throw error;
  }
  parsed.hostname = isIP(address) === 6 ? `[${address}]` : address;
  return { url: parsed.toString(), host };
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EADDRNOTAVAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRINUSE',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Whether a request failed before anything was sent to the receiver: the route could not connect (a
 * local address that is not there or not of the target's family, a proxy that is down or refused the
 * tunnel). Only then is the same
 * request tried through the next route of the pool; an answer, a reset or a timeout after sending is
 * the attempt's outcome, not the route's fault.
 */
export function isConnectFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof UrlNotAllowedError) return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECT_CODES.has(code)) return true;
    // The local address could not be bound: absent, or of the other family than the target (EINVAL).
    if ((e as { syscall?: unknown }).syscall === 'bind') return true;
    const message = (e as { message?: unknown }).message;
    // undici's ProxyAgent: the proxy answered the CONNECT with another status than 200.
    if (typeof message === 'string' && message.includes('when HTTP Tunneling')) return true;
  }
  return false;
}
