import type { KeyRing } from '../crypto/KeyRing.js';
import type { DestinationPlugins, LoadedDestinationPlugin } from '../plugins/index.js';
import { destinationUrl } from '../destinations/destinationUrl.js';
import { HTTP_DESTINATION, httpDestination, type EndpointDestination } from '../domain/endpoint.js';
import { ValidationError, fromPointer, type FieldError } from '../errors/index.js';
import type { HostAllowlist } from '../sources/hostAllowlist.js';

/** What a tenant sends as an endpoint's `destination`. */
export interface DestinationInput {
  type: string;
  config?: Record<string, unknown>;
  /** Omitted: kept when the type does not change; `null`: removed. */
  credentials?: Record<string, unknown> | null;
}

export interface DestinationDeps {
  /** The installed destination plugins; without them only `http` exists. */
  plugins?: DestinationPlugins | undefined;
  /** The operator's `destinations.allowedHosts`; every host is allowed without it. */
  allowedHosts?: HostAllowlist | undefined;
  keyRing: KeyRing;
}

/** A checked destination, ready to store, and the `url` a broker destination shows. */
export interface ResolvedDestination {
  destination: EndpointDestination;
  /** For a broker destination: `<type>://<first broker host>`; `undefined` for `http`. */
  url: string | undefined;
}

/**
 * Checks a destination as the API receives it, and seals its credentials (aad: the endpoint id). The
 * operator's allowlist is asked first (a refused host is the whole answer, as for sources), then the
 * plugin's schemas; problems are named under `destination/…`. Nothing is stored here.
 */
export async function resolveDestination(
  deps: DestinationDeps,
  endpointId: string,
  input: DestinationInput,
  current: EndpointDestination | undefined,
): Promise<ResolvedDestination> {
  if (input.type === HTTP_DESTINATION) {
    const extra: FieldError[] = (['config', 'credentials'] as const)
      .filter((k) => input[k] !== undefined && input[k] !== null)
      .map((k) => ({ path: ['destination', k], message: 'is not taken by the http destination' }));
    check(extra);
    return { destination: httpDestination(), url: undefined };
  }
  const plugin = await deps.plugins?.get(input.type);
  if (!plugin) {
    throw new ValidationError([
      {
        path: ['destination', 'type'],
        message: `${input.type} is not an installed destination type (GET /v1/destination-types lists them)`,
      },
    ]);
  }
  const config = input.config;
  if (config === undefined)
    throw new ValidationError([{ path: ['destination', 'config'], message: 'is required' }]);
  const early = hostErrors(plugin, config, deps.allowedHosts);
  check(early ?? []);
  check([
    ...problems(plugin.validateConfig(config), 'config'),
    ...(input.credentials ? problems(plugin.validateCredentials(input.credentials), 'credentials') : []),
  ]);
  if (!early) check(hostErrors(plugin, config, deps.allowedHosts) ?? []);
  const kept = current?.type === input.type ? current.credentialsEncrypted : null;
  const credentialsEncrypted =
    input.credentials === undefined
      ? kept
      : input.credentials === null
        ? null
        : deps.keyRing.encrypt(JSON.stringify(input.credentials), endpointId);
  let addresses: ReturnType<NonNullable<LoadedDestinationPlugin['definition']['brokerAddresses']>> = [];
  try {
    addresses = plugin.definition.brokerAddresses?.(config) ?? [];
  } catch {
    addresses = [];
  }
  return {
    destination: { type: input.type, config, credentialsEncrypted },
    url: destinationUrl(input.type, addresses),
  };
}

/** Hosts the operator does not allow, or `undefined` when the plugin cannot read this config yet. */
function hostErrors(
  plugin: LoadedDestinationPlugin,
  config: Record<string, unknown>,
  allowed: HostAllowlist | undefined,
): FieldError[] | undefined {
  if (!allowed || !plugin.definition.brokerAddresses) return [];
  try {
    return plugin.definition
      .brokerAddresses(config)
      .filter((a) => !allowed(a.host, a.port))
      .map((a) => ({
        path: ['destination', 'config', ...fromPointer(a.field)],
        message: `host ${a.host}${a.port === undefined ? '' : `:${a.port}`} is not allowed by this installation (destinations.allowedHosts)`,
      }));
  } catch {
    return undefined;
  }
}

function problems(errors: { pointer: string; message: string }[], at: string): FieldError[] {
  return errors.map((e) => ({ path: ['destination', at, ...fromPointer(e.pointer)], message: e.message }));
}

function check(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}
