import type { LookupFunction } from 'node:net';
import {
  definitionProblem,
  freezeDefinition,
  type BrokerAddress,
  type JsonObjectSchema,
  type PluginLogger,
} from '@caravan/plugin-common';
import { InvalidSourcePluginError } from './errors.js';
import type { SourceConsumer } from './SourceConsumer.js';

/**
 * The version of the contract this package describes. A plugin states the version it implements as
 * `apiVersion`; the host refuses a plugin whose version it does not support. It changes only when
 * the contract changes incompatibly.
 */
export const SOURCE_API_VERSION = 1;

/** The most concurrent pullers a source may ask for (the API's `workers` maximum). */
export const MAX_SOURCE_WORKERS = 64;

/** The structured logger the host lends a consumer; pino-compatible. Never log credentials or bodies. */
export type SourceLogger = PluginLogger;

/** What the host passes to {@link SourcePluginDefinition.create} for one source. */
export interface SourceContext<Config, Credentials> {
  /** The source's config, valid against `configSchema` and frozen. Defaults in the schema are not filled in. */
  readonly config: Config;
  /** The decrypted credentials, valid against `credentialsSchema` and frozen (copy them before an SDK writes into them), or `null` when none are stored: use the ambient identity. */
  readonly credentials: Credentials | null;
  /**
   * How many concurrent pullers the tenant asked for (1–64): the most `deliver` calls the consumer
   * may have pending at once. Size the broker-side concurrency and flow control from it.
   */
  readonly workers: number;
  /** The source's id (`src_…`), for logs and client ids. */
  readonly sourceId: string;
  /** Logger already bound to the tenant and source. */
  readonly logger: SourceLogger;
  /**
   * The installation's address guard, which every connection the consumer opens must go through.
   * See {@link SourceNetwork}.
   */
  readonly network: SourceNetwork;
}

/**
 * The host's SSRF guard, lent to a consumer so it connects only where the operator allows: a tenant
 * chooses the broker addresses, and without the guard a source could reach the installation's private
 * network (metadata servers, databases, internal ports). The host has already checked the addresses
 * {@link SourcePluginDefinition.brokerAddresses} names before calling `create`; the guard also covers
 * addresses learnt later (a Kafka cluster's metadata names its other brokers) and DNS answers that
 * change after the check.
 *
 * Pass {@link SourceNetwork.lookup} as the `lookup` option of every `net.connect`, `tls.connect`,
 * `http.Agent` or `https.Agent` the broker SDK opens, and refuse an IP literal that
 * {@link SourceNetwork.allowsAddress} refuses before connecting to it (Node skips `lookup` for IP
 * literals). A plugin whose SDK cannot take a lookup (gRPC) relies on the host's check before `create`.
 */
export interface SourceNetwork {
  /**
   * A `dns.lookup`-compatible function: resolves the name, fails with an error (code
   * `CARAVAN_SOURCE_ADDRESS_REFUSED`) when any address it resolves to is private, loopback,
   * link-local or a metadata address that the operator did not admit (`ssrf.allowedCidrs`), and
   * otherwise answers exactly the addresses it checked, so the connection goes where the check looked.
   */
  readonly lookup: LookupFunction;
  /** Whether an IP address (no brackets, no port) may be connected to. */
  allowsAddress(address: string): boolean;
}

/** What a plugin author writes; {@link defineSourcePlugin} checks it and returns it frozen. */
export interface SourcePluginDefinition<Config = unknown, Credentials = unknown> {
  /** `<vendor>-<product>`, lowercase (`gcp-pubsub`, `aws-sqs`, `kafka`); the source's `type` in the API. At most 64 characters. */
  readonly id: string;
  /** The contract version implemented: {@link SOURCE_API_VERSION}. */
  readonly apiVersion: typeof SOURCE_API_VERSION;
  /** Human name for UIs (`Google Cloud Pub/Sub`). At most 200 characters. */
  readonly displayName: string;
  /**
   * Draft-07 JSON Schema of `config`. The host validates every source's config against it (Ajv,
   * strict, with ajv-formats) before calling `create`, and publishes it in `GET /v1/source-types`.
   */
  readonly configSchema: JsonObjectSchema;
  /** Draft-07 JSON Schema of `credentials`, write-only secrets the host stores encrypted and never returns. */
  readonly credentialsSchema: JsonObjectSchema;
  /**
   * Builds a consumer for one source. Must not connect or do I/O (that is `start`'s job). Throws a
   * `SourceConfigError` for config the schema admits but the plugin cannot use.
   */
  create(context: SourceContext<Config, Credentials>): SourceConsumer;
  /**
   * Every host a tenant's config makes the consumer connect to (endpoint overrides, emulator hosts,
   * bootstrap brokers, URLs, and the vendor's default host when the config names none), so the host
   * can check them against the operator's allowlist (`sources.allowedHosts`) before storing the
   * source. The host asks first, before checking `configSchema`, so a refused host is the answer
   * whatever else is wrong: skip a field that is not of the expected type; a throw makes the host ask
   * again once the config has passed the schema. Must not do I/O. A plugin that connects to nothing
   * but fixed hosts may omit it.
   */
  brokerAddresses?(config: Config): readonly BrokerAddress[];
}

/**
 * What makes `value` unusable as a source plugin definition, or `undefined` when nothing does: the id
 * is `<vendor>-<product>` (at most 64 characters), `apiVersion` is {@link SOURCE_API_VERSION}, the
 * display name has 1–200 characters, both schemas describe objects, `create` is a function, and
 * `brokerAddresses`, when given, is one. The one check behind `defineSourcePlugin`, the host's plugin
 * loader and the conformance kit; it does not compile the schemas (each of them does, with its own Ajv).
 */
export function sourcePluginProblem(value: unknown): string | undefined {
  return definitionProblem(value, { apiVersion: SOURCE_API_VERSION, contract: 'source-api' });
}

/**
 * Declares a source plugin: checks it with {@link sourcePluginProblem} and returns the definition deeply
 * frozen. A plugin package's default export is this value. Throws {@link InvalidSourcePluginError}.
 */
export function defineSourcePlugin<Config, Credentials>(
  definition: SourcePluginDefinition<Config, Credentials>,
): SourcePluginDefinition<Config, Credentials> {
  const problem = sourcePluginProblem(definition);
  if (problem !== undefined) {
    throw new InvalidSourcePluginError(`source plugin ${JSON.stringify(definition.id)}: ${problem}`);
  }
  return freezeDefinition(definition);
}
