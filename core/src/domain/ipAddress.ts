import { isIPv4, isIPv6 } from 'node:net';

/** Why an address is not a public unicast destination, or `public` when it is one. */
export type AddressCategory =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

type Range = readonly [prefix: bigint, bits: number, category: AddressCategory];

const v4 = (text: string): bigint =>
  text.split('.').reduce((n, octet) => (n << 8n) | BigInt(Number(octet)), 0n);

// Checked in order, most specific first. Ranges from the IANA special-purpose registries (RFC 6890).
const IPV4_RANGES: readonly Range[] = [
  [v4('169.254.169.254'), 32, 'metadata'], // AWS, GCP, Azure, OpenStack instance metadata
  [v4('168.63.129.16'), 32, 'metadata'], // Azure WireServer, reachable from every Azure VM
  [v4('255.255.255.255'), 32, 'broadcast'],
  [v4('0.0.0.0'), 8, 'unspecified'], // "this network": Linux connects 0.0.0.0 to the local host
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'cgnat'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'],
  [v4('192.0.2.0'), 24, 'reserved'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'reserved'],
  [v4('198.51.100.0'), 24, 'reserved'],
  [v4('203.0.113.0'), 24, 'reserved'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('240.0.0.0'), 4, 'reserved'],
];

const v6 = (text: string): bigint => ipv6ToBigInt(text)!;

const IPV6_RANGES: readonly Range[] = [
  [v6('fd00:ec2::254'), 128, 'metadata'], // AWS instance metadata over IPv6
  [v6('::'), 128, 'unspecified'],
  [v6('::1'), 128, 'loopback'],
  [v6('fc00::'), 7, 'unique-local'],
  [v6('fe80::'), 10, 'link-local'],
  [v6('fec0::'), 10, 'private'], // deprecated site-local
  [v6('ff00::'), 8, 'multicast'],
  [v6('64:ff9b:1::'), 48, 'private'], // local-use NAT64
  [v6('100::'), 64, 'reserved'], // discard-only
  [v6('2001:db8::'), 32, 'reserved'], // documentation
  [v6('2001::'), 32, 'reserved'], // Teredo: tunnels to an obfuscated IPv4 address
];

// IPv6 forms that carry an IPv4 address which the packet effectively reaches: [prefix, bits, offset of
// the 32 IPv4 bits from the right]. IPv4-mapped, SIIT-translated, IPv4-compatible, NAT64, 6to4.
const EMBEDDING_V4: readonly (readonly [bigint, number, number])[] = [
  [v6('::ffff:0:0'), 96, 0],
  [v6('::ffff:0:0:0'), 96, 0],
  [v6('64:ff9b::'), 96, 0],
  [v6('::'), 96, 0],
  [v6('2002::'), 16, 80],
];

const GLOBAL_UNICAST: Range = [v6('2000::'), 3, 'public'];

const inRange = (value: bigint, width: number, [prefix, bits]: readonly [bigint, number, ...unknown[]]) =>
  value >> BigInt(width - bits) === prefix >> BigInt(width - bits);

/** The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIpv4(ip: string): string | undefined {
  const value = ipv6ToBigInt(ip);
  if (value === undefined || value <= 1n) return undefined; // `::` and `::1` are IPv6's own
  for (const range of EMBEDDING_V4) {
    if (inRange(value, 128, range)) {
      const bits = Number((value >> BigInt(range[2])) & 0xffffffffn);
      return [bits >>> 24, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255].join('.');
    }
  }
  return undefined;
}

/**
 * What kind of destination an IP address is. IPv6 addresses that embed an IPv4 address take the
 * IPv4 address's category, so `::ffff:127.0.0.1` is `loopback`. Anything that is not a valid address
 * is `reserved`.
 */
export function addressCategory(ip: string): AddressCategory {
  if (isIPv4(ip)) return categoryIn(v4(ip), 32, IPV4_RANGES) ?? 'public';
  const value = ipv6ToBigInt(ip);
  if (value === undefined) return 'reserved';
  const exact = categoryIn(value, 128, IPV6_RANGES.slice(0, 3));
  if (exact) return exact;
  const embedded = embeddedIpv4(ip);
  if (embedded) return addressCategory(embedded);
  const special = categoryIn(value, 128, IPV6_RANGES);
  if (special) return special;
  return inRange(value, 128, GLOBAL_UNICAST) ? 'public' : 'reserved';
}

function categoryIn(value: bigint, width: number, ranges: readonly Range[]): AddressCategory | undefined {
  return ranges.find((range) => inRange(value, width, range))?.[2];
}

/** Parses an IPv6 address (zone id ignored) into its 128-bit value; `undefined` if it is not one. */
export function ipv6ToBigInt(ip: string): bigint | undefined {
  const text = ip.replace(/%.*$/, '');
  if (!isIPv6(text)) return undefined;
  let groups: string[];
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  let body = text;
  if (tail) {
    const n = Number(v4(tail[1]!));
    body = `${text.slice(0, tail.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  if (rest === undefined) groups = head.split(':');
  else {
    const left = head ? head.split(':') : [];
    const right = rest ? rest.split(':') : [];
    groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
