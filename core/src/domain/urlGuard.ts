import { BlockList, isIP } from 'node:net';
import { ConfigError, UrlNotAllowedError, invalidField, type FieldPath } from '../errors/index.js';
import { addressCategory, embeddedIpv4, type AddressCategory } from './ipAddress.js';

/** Resolves a host name to every address it has (IPv4 and IPv6). Rejects when it cannot. */
export type HostResolver = (host: string) => Promise<string[]>;

/** What the SSRF guard thinks of one address. */
export interface AddressVerdict {
  address: string;
  category: AddressCategory;
  /** Public, or admitted by the operator's allowlist. */
  allowed: boolean;
}

/**
 * The operator's CIDR allowlist (`ssrf.allowedCidrs`) as a `BlockList`.
 *
 * @throws ConfigError naming the entry that is not `address/prefix`.
 */
export function createAddressAllowlist(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  cidrs.forEach((cidr, i) => {
    const [address = '', bits = '', extra] = cidr.split('/');
    const family = isIP(address);
    const prefix = Number(bits);
    const max = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || !/^\d{1,3}$/.test(bits) || prefix > max) {
      throw new ConfigError([
        {
          path: `ssrf.allowedCidrs[${i}]`,
          message: `"${cidr}" is not a CIDR such as 127.0.0.0/8 or ::1/128`,
        },
      ]);
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  });
  return list;
}

/**
 * Classifies an address for the SSRF guard: public unicast addresses are allowed; private, loopback,
 * link-local, CGNAT, unspecified, multicast, broadcast, metadata and reserved ones only when the
 * allowlist admits them. IPv6 forms that carry an IPv4 address (`::ffff:127.0.0.1`, `::ffff:7f00:1`,
 * NAT64, 6to4) are judged by that IPv4 address. Reused by the dispatcher at send time.
 */
export function classifyAddress(ip: string, allowlist: BlockList): AddressVerdict {
  const address = ip.replace(/%.*$/, '');
  const category = addressCategory(address);
  if (category === 'public') return { address, category, allowed: true };
  const family = isIP(address);
  const embedded = family === 6 ? embeddedIpv4(address) : undefined;
  const admitted =
    (family !== 0 && allowlist.check(address, family === 4 ? 'ipv4' : 'ipv6')) ||
    (embedded !== undefined && allowlist.check(embedded, 'ipv4'));
  return { address, category, allowed: admitted };
}

/** Each category of address in words, for messages (`a loopback address`). */
export const ADDRESS_DESCRIPTIONS: Readonly<Record<AddressCategory, string>> = {
  public: 'a public address',
  unspecified: 'an unspecified ("this host") address',
  loopback: 'a loopback address',
  private: 'a private network address',
  cgnat: 'a carrier-grade NAT (100.64.0.0/10) address',
  'link-local': 'a link-local address',
  metadata: 'a cloud instance metadata address',
  'unique-local': 'an IPv6 unique local (fc00::/7) address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved, non-routable address',
};

export interface UrlGuardOptions {
  /** CIDR ranges the operator admits despite their category (`ssrf.allowedCidrs`). */
  allowedCidrs: readonly string[];
  /** Host name resolution; the composition root passes the operating system's (`systemResolver`). */
  resolve: HostResolver;
  /** How long name resolution may take before the URL is refused. */
  resolveTimeoutMs?: number;
}

/**
 * Refuses URLs that would make Caravan send requests into private networks (SSRF): the URL must be
 * http(s) without credentials, and every address its host resolves to must be allowed. This is the
 * check at create/update time; the dispatcher checks again at send time and connects to the address it
 * checked, since DNS answers can change in between.
 */
export class UrlGuard {
  readonly allowlist: BlockList;
  readonly #resolve: HostResolver;
  readonly #timeoutMs: number;

  constructor(options: UrlGuardOptions) {
    this.allowlist = createAddressAllowlist(options.allowedCidrs);
    this.#resolve = options.resolve;
    this.#timeoutMs = options.resolveTimeoutMs ?? 5_000;
  }

  classify(ip: string): AddressVerdict {
    return classifyAddress(ip, this.allowlist);
  }

  /**
   * Checks a URL and answers the addresses it resolved to.
   *
   * @throws ValidationError (`field`) when it is not an http(s) URL or carries credentials;
   * UrlNotAllowedError (`field`) when its host does not resolve or resolves to any refused address.
   */
  async check(url: string, field: FieldPath = ['url']): Promise<string[]> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalidField(field, 'must be an absolute http or https URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw invalidField(field, 'must be an http or https URL');
    }
    const portProblem = refusedPort(parsed.port);
    if (portProblem) throw invalidField(field, portProblem);
    if (parsed.username || parsed.password) {
      throw invalidField(field, 'must not contain a user name or password; send credentials in headers');
    }
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = isIP(host) ? [host] : await this.#lookup(host, field);
    for (const address of addresses) {
      const verdict = this.classify(address);
      if (!verdict.allowed) {
        const which = isIP(host) ? `is ${verdict.address}` : `resolves to ${verdict.address}`;
        throw new UrlNotAllowedError(
          field,
          `${which}, ${ADDRESS_DESCRIPTIONS[verdict.category]}; endpoints must be reachable at public addresses`,
        );
      }
    }
    return addresses;
  }

  async #lookup(host: string, field: FieldPath): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('ETIMEOUT')), this.#timeoutMs);
      });
      const addresses = await Promise.race([this.#resolve(host), timeout]);
      if (addresses.length === 0) throw new Error('ENODATA');
      return addresses;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = typeof code === 'string' ? code : (error as Error).message;
      throw new UrlNotAllowedError(
        field,
        `host "${host}" could not be resolved (${reason}); the URL must resolve to a public address`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Well-known ports of services that do not speak HTTP (or are databases, brokers and control planes
 * that never receive webhooks). A URL on one of them is refused, so an endpoint cannot be used to poke
 * at such a service. Port 0 is never a valid destination.
 */
export const REFUSED_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  25: 'SMTP',
  53: 'DNS',
  110: 'POP3',
  111: 'RPC portmapper',
  135: 'MS RPC',
  139: 'NetBIOS',
  143: 'IMAP',
  445: 'SMB',
  465: 'SMTP',
  587: 'SMTP',
  993: 'IMAP',
  995: 'POP3',
  1433: 'SQL Server',
  1521: 'Oracle',
  2049: 'NFS',
  2375: 'Docker',
  2376: 'Docker',
  2379: 'etcd',
  3306: 'MySQL',
  3389: 'RDP',
  5432: 'PostgreSQL',
  5672: 'AMQP',
  5900: 'VNC',
  6379: 'Redis',
  9092: 'Kafka',
  11211: 'memcached',
  27017: 'MongoDB',
};

function refusedPort(port: string): string | undefined {
  if (port === '') return undefined;
  const n = Number(port);
  if (n === 0) return 'must not use port 0';
  const service = REFUSED_PORTS[n];
  return service ? `must not use port ${n}, the well-known ${service} port` : undefined;
}
