import { BlockList, isIP } from 'node:net';

/** Whether a host (and port) is one the operator lets sources connect to. */
export type HostAllowlist = (host: string, port?: number) => boolean;

const CIDR = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/;
const NAME = /^(\*\.)?([A-Za-z0-9.-]+)(?::(\d{1,5}|\*))?$/;

/**
 * Compiles `sources.allowedHosts`: `*` (any host), `host`, `host:port`, `*.example.com[:port]` (any
 * subdomain), or a CIDR block (`10.0.0.0/8`, `::1/128`) matched against IP literals. Names are not
 * resolved: the check is on what the tenant wrote, so an operator who wants IP ranges only lists CIDRs
 * and no names. Throws on an entry it cannot read (the config schema admits only readable ones).
 */
export function createHostAllowlist(patterns: readonly string[]): HostAllowlist {
  if (patterns.includes('*')) return () => true;
  const blocks = new BlockList();
  const names: { suffix: boolean; name: string; port: number | '*' | undefined }[] = [];
  for (const pattern of patterns) {
    const cidr = CIDR.exec(pattern);
    const family = cidr ? isIP(cidr[1]!) : 0;
    if (cidr && family) {
      blocks.addSubnet(cidr[1]!, Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
      continue;
    }
    const name = NAME.exec(pattern);
    if (!name) throw new Error(`sources.allowedHosts: cannot read ${JSON.stringify(pattern)}`);
    const port = name[3] === undefined ? undefined : name[3] === '*' ? '*' : Number(name[3]);
    names.push({ suffix: name[1] !== undefined, name: name[2]!.toLowerCase(), port });
  }
  return (host, port) => {
    const family = isIP(host);
    if (family && blocks.check(host, family === 6 ? 'ipv6' : 'ipv4')) return true;
    const h = host.toLowerCase().replace(/\.$/, '');
    return names.some(
      (n) =>
        (n.suffix ? h.endsWith(`.${n.name}`) : h === n.name) &&
        (n.port === undefined || n.port === '*' || n.port === port),
    );
  };
}
