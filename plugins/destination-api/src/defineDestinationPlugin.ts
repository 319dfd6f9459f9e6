import type { DestinationProducer } from './DestinationProducer.js';
import { InvalidDestinationPluginError } from './errors.js';

/**
 * The version of the contract this package describes. A plugin states the version it implements as
 * `apiVersion`; the host refuses a plugin whose version it does not support. It changes only when
 * the contract changes incompatibly.
 */
export const DESTINATION_API_VERSION = 1;

/** The most messages the host ever hands one `send` call, whatever a plugin asks for. */
export const MAX_DESTINATION_BATCH = 500;

/** A JSON Schema (draft-07) that describes a JSON object. */
export type JsonObjectSchema = Readonly<Record<string, unknown>> & { readonly type: 'object' };

/** The structured logger the host lends a producer; pino-compatible. Never log credentials or bodies. */
export interface DestinationLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** What the host passes to {@link DestinationPluginDefinition.create} for one endpoint. */
export interface DestinationContext<Config, Credentials> {
  /** The destination's config, valid against `configSchema` and frozen. Schema defaults are not filled in. */
  readonly config: Config;
  /**
   * The decrypted credentials, valid against `credentialsSchema` and frozen (copy them before an SDK
   * writes into them), or `null` when none are stored: use the ambient identity.
   */
  readonly credentials: Credentials | null;
  /** The endpoint's id (`ep_…`), for logs and client ids. */
  readonly endpointId: string;
  /** Logger already bound to the tenant and endpoint. */
  readonly logger: DestinationLogger;
}

/** A network address a destination's config points Caravan at (see {@link DestinationPluginDefinition.brokerAddresses}). */
export interface BrokerAddress {
  /** JSON pointer of the config field that holds it (`/queueUrl`, `/brokers/0`). */
  readonly field: string;
  /** Host name or IP address, as written in the config (no brackets around IPv6). */
  readonly host: string;
  /** Port, when the config gives one or the protocol implies one. */
  readonly port?: number;
}

/** What a plugin author writes; {@link defineDestinationPlugin} checks it and returns it frozen. */
export interface DestinationPluginDefinition<Config = unknown, Credentials = unknown> {
  /** `<vendor>-<product>`, lowercase (`aws-sqs`, `kafka`); the destination's `type` in the API. At most 64 characters. `http` is the host's own. */
  readonly id: string;
  /** The contract version implemented: {@link DESTINATION_API_VERSION}. */
  readonly apiVersion: typeof DESTINATION_API_VERSION;
  /** Human name for UIs (`Amazon SQS`). At most 200 characters. */
  readonly displayName: string;
  /**
   * Draft-07 JSON Schema of `config`. The host validates every endpoint's destination config against
   * it (Ajv, strict, with ajv-formats) before storing it, and publishes it in `GET /v1/destination-types`.
   */
  readonly configSchema: JsonObjectSchema;
  /** Draft-07 JSON Schema of `credentials`, write-only secrets the host stores encrypted and never returns. */
  readonly credentialsSchema: JsonObjectSchema;
  /**
   * The most messages one `send` call takes (default 1, at most {@link MAX_DESTINATION_BATCH}): the
   * host gathers deliveries to the same endpoint that are ready at the same moment into one call.
   */
  readonly maxBatchSize?: number;
  /**
   * Builds a producer for one endpoint. Must not connect or do I/O (the first `send` does). Throws a
   * `DestinationConfigError` for config the schema admits but the plugin cannot use.
   */
  create(context: DestinationContext<Config, Credentials>): DestinationProducer;
  /**
   * Every host a tenant's config makes the producer connect to (endpoint overrides, emulator hosts,
   * bootstrap brokers, URLs, and the vendor's default host when the config names none), so the host
   * can check them against the operator's allowlist (`destinations.allowedHosts`) before storing the
   * endpoint. Asked before `configSchema` is checked: skip a field that is not of the expected type;
   * a throw makes the host ask again once the config has passed the schema. Must not do I/O.
   */
  brokerAddresses?(config: Config): readonly BrokerAddress[];
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * What makes `value` unusable as a destination plugin definition, or `undefined` when nothing does:
 * the id is `<vendor>-<product>` (at most 64 characters, not `http`), `apiVersion` is
 * {@link DESTINATION_API_VERSION}, the display name has 1–200 characters, both schemas describe
 * objects, `create` is a function, `brokerAddresses` is one when given, and `maxBatchSize` is an
 * integer in 1–{@link MAX_DESTINATION_BATCH}. The one check behind `defineDestinationPlugin`, the
 * host's loader and the conformance kit.
 */
export function destinationPluginProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const def = value as Partial<Record<keyof DestinationPluginDefinition, unknown>>;
  const { id, apiVersion, displayName, configSchema, credentialsSchema, create, brokerAddresses } = def;
  if (typeof id !== 'string' || id.length > 64 || !ID_PATTERN.test(id))
    return 'id must be <vendor>-<product>: lowercase letters and digits joined by single dashes';
  if (id === 'http') return 'id "http" is the built-in HTTP destination';
  // Typed as the literal, but a plugin built against another destination-api may carry any value.
  if (apiVersion !== DESTINATION_API_VERSION)
    return `apiVersion ${String(apiVersion)} is not supported; this destination-api implements ${DESTINATION_API_VERSION}`;
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 200)
    return 'displayName must be 1–200 characters';
  for (const [name, schema] of [
    ['configSchema', configSchema],
    ['credentialsSchema', credentialsSchema],
  ] as const) {
    if (typeof schema !== 'object' || schema === null || (schema as { type?: unknown }).type !== 'object')
      return `${name} must be a JSON Schema with type "object"`;
  }
  if (typeof create !== 'function') return 'create must be a function';
  if (brokerAddresses !== undefined && typeof brokerAddresses !== 'function')
    return 'brokerAddresses must be a function when given';
  const max = def.maxBatchSize;
  if (
    max !== undefined &&
    (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_DESTINATION_BATCH)
  )
    return `maxBatchSize must be an integer from 1 to ${MAX_DESTINATION_BATCH}`;
  return undefined;
}

/**
 * Declares a destination plugin: checks it with {@link destinationPluginProblem} and returns the
 * definition deeply frozen, `maxBatchSize` filled in. A plugin package's default export is this
 * value. Throws {@link InvalidDestinationPluginError}.
 */
export function defineDestinationPlugin<Config, Credentials>(
  definition: DestinationPluginDefinition<Config, Credentials>,
): DestinationPluginDefinition<Config, Credentials> & { readonly maxBatchSize: number } {
  const problem = destinationPluginProblem(definition);
  if (problem !== undefined) {
    throw new InvalidDestinationPluginError(
      `destination plugin ${JSON.stringify(definition.id)}: ${problem}`,
    );
  }
  const { id, apiVersion, displayName, configSchema, credentialsSchema } = definition;
  return Object.freeze({
    id,
    apiVersion,
    displayName,
    configSchema: deepFreeze(structuredClone(configSchema)),
    credentialsSchema: deepFreeze(structuredClone(credentialsSchema)),
    maxBatchSize: definition.maxBatchSize ?? 1,
    create: (context: DestinationContext<Config, Credentials>) => definition.create(context),
    ...(definition.brokerAddresses
      ? { brokerAddresses: (config: Config) => definition.brokerAddresses!(config) }
      : {}),
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
