import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ExecutionContext } from 'ava';
import type { JsonObjectSchema } from '../pluginDefinition.js';

const addFormats = addFormatsModule.default;

/** A definition as the conformance kits see it: its schemas, and whatever the contract checks. */
export interface CheckedDefinition {
  readonly configSchema: JsonObjectSchema;
  readonly credentialsSchema: JsonObjectSchema;
}

/**
 * Checks what the host checks when it loads a plugin and validates a tenant's config: the definition
 * itself (`problem`, the contract's check), that it was made by the contract's `define…Plugin`
 * (frozen), that both schemas compile as the host compiles them (Ajv draft-07, strict, ajv-formats),
 * close their objects (`additionalProperties: false`, so a misspelt key is refused with its name),
 * and admit the config and credentials the suite runs with (`null` credentials: none stored).
 */
export function checkDefinition(
  t: ExecutionContext,
  plugin: CheckedDefinition,
  options: {
    problem: (value: unknown) => string | undefined;
    /** The contract's declaring function, for the message (`defineSourcePlugin`). */
    definedBy: string;
    config: unknown;
    credentials: unknown;
  },
): void {
  t.is(options.problem(plugin), undefined, 'the definition meets the contract');
  t.true(
    Object.isFrozen(plugin) && Object.isFrozen(plugin.configSchema),
    `it was made by ${options.definedBy}`,
  );
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const [name, schema, value] of [
    ['config', plugin.configSchema, options.config],
    ['credentials', plugin.credentialsSchema, options.credentials],
  ] as const) {
    t.is(schema.additionalProperties, false, `${name}Schema refuses unknown properties`);
    const validate = ajv.compile(schema);
    if (value === null && name === 'credentials') continue;
    t.true(validate(value), `the test ${name} is valid: ${ajv.errorsText(validate.errors)}`);
  }
}
