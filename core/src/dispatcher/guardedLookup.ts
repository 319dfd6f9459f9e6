import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type BlockList } from 'node:net';
import { classifyAddress, type HostResolver } from '../domain/urlGuard.js';
import { UrlNotAllowedError } from '../errors/index.js';
import { systemResolver } from './systemResolver.js';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for `net.connect` / `tls.connect`, as undici's `connect` option passes it through. */
export type ConnectLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * The SSRF guard at connect time: resolves the host, refuses the connection with a
 * `UrlNotAllowedError` when any address it resolves to is not allowed (the same rule as the check when
 * the endpoint was saved), and otherwise hands `net.connect` exactly the addresses it checked. Checking
 * inside the lookup leaves no window between the check and the connect for a DNS answer to change
 * (DNS rebinding). Host names only: `net.connect` skips the lookup for an IP literal, which the sender
 * checks itself.
 */
export function guardedLookup(allowlist: BlockList, resolve: HostResolver = systemResolver): ConnectLookup {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const refused = addresses.map((a) => classifyAddress(a, allowlist)).find((v) => !v.allowed);
        if (refused) {
          callback(
            new UrlNotAllowedError(
              'url',
              `${hostname} resolves to ${refused.address} (${refused.category}), which the SSRF guard refuses`,
            ),
            [],
          );
          return;
        }
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((a) => a.family !== 0 && (!family || a.family === family));
        const first = usable[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, []);
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
