import {
  definitionProblem,
  freezeDefinition,
  type BrokerAddress,
  type JsonObjectSchema,
  type PluginLogger,
} from '@caravan/plugin-common';
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

/** The structured logger the host lends a producer; pino-compatible. Never log credentials or bodies. */
export type DestinationLogger = PluginLogger;

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

/**
 * What makes `value` unusable as a destination plugin definition, or `undefined` when nothing does:
 * the id is `<vendor>-<product>` (at most 64 characters, not `http`), `apiVersion` is
 * {@link DESTINATION_API_VERSION}, the display name has 1–200 characters, both schemas describe
 * objects, `create` is a function, `brokerAddresses` is one when given, and `maxBatchSize` is an
 * integer in 1–{@link MAX_DESTINATION_BATCH}. The one check behind `defineDestinationPlugin`, the
 * host's loader and the conformance kit.
 */
export function destinationPluginProblem(value: unknown): string | undefined {
  const common = definitionProblem(value, {
    apiVersion: DESTINATION_API_VERSION,
    contract: 'destination-api',
    reservedIds: { http: 'the built-in HTTP destination' },
  });
  if (common !== undefined) return common;
  const max = (value as { maxBatchSize?: unknown }).maxBatchSize;
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
  return freezeDefinition(definition, {
    maxBatchSize: definition.maxBatchSize ?? 1,
  }) as DestinationPluginDefinition<Config, Credentials> & { readonly maxBatchSize: number };
}
