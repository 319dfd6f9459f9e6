/** A JSON Schema (draft-07) that describes a JSON object. */
export type JsonObjectSchema = Readonly<Record<string, unknown>> & { readonly type: 'object' };

/** The structured logger the host lends a plugin's runtime object; pino-compatible. Never log credentials or bodies. */
export interface PluginLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A network address a plugin's config points Caravan at (see `brokerAddresses` of each contract). */
export interface BrokerAddress {
  /** JSON pointer of the config field that holds it (`/queueUrl`, `/brokers/0`). */
  readonly field: string;
  /** Host name or IP address, as written in the config (no brackets around IPv6). */
  readonly host: string;
  /** Port, when the config gives one or the protocol implies one. */
  readonly port?: number;
}

/** What every plugin definition has, source or destination. */
export interface PluginDefinition<Config, Context, Runtime> {
  readonly id: string;
  readonly apiVersion: number;
  readonly displayName: string;
  readonly configSchema: JsonObjectSchema;
  readonly credentialsSchema: JsonObjectSchema;
  create(context: Context): Runtime;
  brokerAddresses?(config: Config): readonly BrokerAddress[];
}

/** What one contract adds to the common checks. */
export interface ContractRules {
  /** The version the contract implements. */
  readonly apiVersion: number;
  /** The contract's package, for the message about another version (`source-api`). */
  readonly contract: string;
  /** Ids the host keeps for itself, each with the reason (`{ http: 'the built-in HTTP destination' }`). */
  readonly reservedIds?: Readonly<Record<string, string>>;
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * What makes `value` unusable as a plugin definition under `rules`, or `undefined` when nothing does:
 * the id is `<vendor>-<product>` (at most 64 characters, not a reserved one), `apiVersion` is the
 * contract's, the display name has 1–200 characters, both schemas describe objects, `create` is a
 * function, and `brokerAddresses`, when given, is one. Each contract adds its own checks after these.
 */
export function definitionProblem(value: unknown, rules: ContractRules): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const { id, apiVersion, displayName, configSchema, credentialsSchema, create, brokerAddresses } =
    value as Partial<Record<keyof PluginDefinition<unknown, unknown, unknown>, unknown>>;
  if (typeof id !== 'string' || id.length > 64 || !ID_PATTERN.test(id))
    return 'id must be <vendor>-<product>: lowercase letters and digits joined by single dashes';
  const reserved = rules.reservedIds?.[id];
  if (reserved !== undefined) return `id "${id}" is ${reserved}`;
  // Typed as the literal, but a plugin built against another contract version may carry any value.
  if (apiVersion !== rules.apiVersion)
    return `apiVersion ${String(apiVersion)} is not supported; this ${rules.contract} implements ${rules.apiVersion}`;
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
  return undefined;
}

/**
 * The definition as the host receives it: its own copy of both schemas, deeply frozen, `create` and
 * `brokerAddresses` bound to the author's object, and `extra` (a contract's filled-in settings) added;
 * the whole frozen. The author's object is left alone.
 */
export function freezeDefinition<Config, Context, Runtime, Extra extends object = Record<never, never>>(
  definition: PluginDefinition<Config, Context, Runtime>,
  extra?: Extra,
): PluginDefinition<Config, Context, Runtime> & Extra {
  const { id, apiVersion, displayName, configSchema, credentialsSchema } = definition;
  const frozen: PluginDefinition<Config, Context, Runtime> = {
    id,
    apiVersion,
    displayName,
    configSchema: deepFreeze(structuredClone(configSchema)),
    credentialsSchema: deepFreeze(structuredClone(credentialsSchema)),
    create: (context: Context) => definition.create(context),
    ...(definition.brokerAddresses
      ? { brokerAddresses: (config: Config) => definition.brokerAddresses!(config) }
      : {}),
  };
  return Object.freeze({ ...frozen, ...extra }) as PluginDefinition<Config, Context, Runtime> & Extra;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
