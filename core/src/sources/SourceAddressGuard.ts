import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type BlockList } from 'node:net';
import type { SourceNetwork } from '@caravan/source-api';
import {
  ADDRESS_DESCRIPTIONS,
  classifyAddress,
  createAddressAllowlist,
  type HostResolver,
} from '../domain/urlGuard.js';
import { fromPointer, type FieldError } from '../errors/index.js';
import type { LoadedSourcePlugin } from '../plugins/index.js';
import { createHostAllowlist, type HostAllowlist } from './hostAllowlist.js';

/** The error code of a connection or a source refused by the address guard. */
export const SOURCE_ADDRESS_REFUSED = 'CARAVAN_SOURCE_ADDRESS_REFUSED';

export interface SourceAddressGuardOptions {
  /** `sources.allowedHosts`: the hosts a source's config may name. */
  allowedHosts: readonly string[];
  /** `ssrf.allowedCidrs`: non-public ranges the operator admits (loopback in `caravan dev` and tests). */
  allowedCidrs: readonly string[];
  /** Name resolution (the composition root passes the system's). */
  resolve: HostResolver;
  /** How long a resolution may take at the checks before the consumer starts (default 5 s). */
  resolveTimeoutMs?: number;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * The SSRF guard for sources, the same rule as for endpoints: a tenant's broker addresses (Kafka
 * brokers, the SQS `endpoint`, the Pub/Sub `apiEndpoint`) must be hosts the operator allows
 * (`sources.allowedHosts`) and resolve to public addresses, or to ranges the operator admits
 * (`ssrf.allowedCidrs`). Checked when a source is saved, again before each consumer is created (the
 * policy or DNS may have changed since), and at every connection through the {@link SourceNetwork}
 * lent to the plugin, which connects to the address it checked.
 *
 * What it answers names the config field and the rule, never what answered at the address: a tenant
 * must not learn which internal ports are open.
 */
export class SourceAddressGuard {
  readonly allowedHosts: HostAllowlist;
  readonly #cidrs: BlockList;
  readonly #resolve: HostResolver;
  readonly #timeoutMs: number;
  /** Lent to every consumer as `context.network`. */
  readonly network: SourceNetwork;

  constructor(options: SourceAddressGuardOptions) {
    this.allowedHosts = createHostAllowlist(options.allowedHosts);
    this.#cidrs = createAddressAllowlist(options.allowedCidrs);
    this.#resolve = options.resolve;
    this.#timeoutMs = options.resolveTimeoutMs ?? 5_000;
    this.network = Object.freeze({
      lookup: (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) =>
        this.#lookup(hostname, lookupOptions, callback),
      allowsAddress: (address: string) => this.allowsAddress(address),
    });
  }

  /** Whether an IP address is public or admitted by `ssrf.allowedCidrs`. */
  allowsAddress(address: string): boolean {
    return isIP(address.replace(/%.*$/, '')) !== 0 && classifyAddress(address, this.#cidrs).allowed;
  }

  /**
   * The config's broker addresses that the host allowlist refuses, as `config…` field errors; throws
   * when the plugin cannot read addresses from this config (ask again once it is valid).
   */
  hostProblems(plugin: LoadedSourcePlugin, config: Record<string, unknown>): FieldError[] {
    if (!plugin.definition.brokerAddresses) return [];
    return plugin.definition
      .brokerAddresses(config)
      .filter((a) => !this.allowedHosts(a.host, a.port))
      .map((a) => ({
        path: ['config', ...fromPointer(a.field)],
        message: `host ${a.host}${a.port === undefined ? '' : `:${a.port}`} is not allowed by this installation (sources.allowedHosts)`,
      }));
  }

  /**
   * The config's broker addresses that are, or resolve to, an address the guard refuses. A name that
   * does not resolve now is not an error here: every connection resolves it again through the guard.
   */
  async addressProblems(plugin: LoadedSourcePlugin, config: Record<string, unknown>): Promise<FieldError[]> {
    if (!plugin.definition.brokerAddresses) return [];
    const problems: FieldError[] = [];
    for (const a of plugin.definition.brokerAddresses(config)) {
      const addresses = isIP(a.host) ? [a.host] : await this.#resolveQuietly(a.host);
      const refused = addresses.find((address) => !this.allowsAddress(address));
      if (refused === undefined) continue;
      const verdict = classifyAddress(refused, this.#cidrs);
      const which = isIP(a.host) ? `is ${verdict.address}` : `resolves to ${verdict.address}`;
      problems.push({
        path: ['config', ...fromPointer(a.field)],
        message: `host ${a.host} ${which}, ${ADDRESS_DESCRIPTIONS[verdict.category]}, which this installation does not allow (ssrf.allowedCidrs)`,
      });
    }
    return problems;
  }

  /** Host allowlist, then addresses: everything that keeps this config from being started. */
  async problems(plugin: LoadedSourcePlugin, config: Record<string, unknown>): Promise<FieldError[]> {
    const hosts = this.hostProblems(plugin, config);
    return hosts.length > 0 ? hosts : this.addressProblems(plugin, config);
  }

  async #resolveQuietly(host: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<string[]>((resolve) => {
        timer = setTimeout(() => resolve([]), this.#timeoutMs);
      });
      return await Promise.race([this.#resolve(host), timeout]);
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }

  #lookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    (isIP(host) ? Promise.resolve([host]) : this.#resolve(host)).then(
      (addresses) => {
        if (addresses.some((address) => !this.allowsAddress(address))) {
          const error: NodeJS.ErrnoException = new Error(
            `connecting to ${hostname} is not allowed by this installation`,
          );
          error.code = SOURCE_ADDRESS_REFUSED;
          callback(error, []);
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
  }
}
