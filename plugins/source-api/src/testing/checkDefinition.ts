import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ExecutionContext } from 'ava';
import { sourcePluginProblem, type SourcePluginDefinition } from '../defineSourcePlugin.js';

const addFormats = addFormatsModule.default;

/**
 * Checks what the host checks when it loads a plugin and validates a source: the definition itself
 * (`sourcePluginProblem`: id, version, display name, schemas and functions),
 * that both schemas compile as the host compiles them (Ajv draft-07, strict, ajv-formats), close
 * their objects (`additionalProperties: false`, so a misspelt key is refused with its name), and
 * admit the config and credentials the suite runs with.
 */
export function checkDefinition(
  t: ExecutionContext,
  plugin: SourcePluginDefinition<unknown, unknown>,
  config: unknown,
  credentials: unknown,
): void {
  t.is(sourcePluginProblem(plugin), undefined, 'the definition meets the contract');
  t.true(
    Object.isFrozen(plugin) && Object.isFrozen(plugin.configSchema),
    'it was made by defineSourcePlugin',
  );
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const [name, schema, value] of [
    ['config', plugin.configSchema, config],
    ['credentials', plugin.credentialsSchema, credentials],
  ] as const) {
    t.is(schema.additionalProperties, false, `${name}Schema refuses unknown properties`);
    const validate = ajv.compile(schema);
    if (value === null && name === 'credentials') continue;
    t.true(validate(value), `the test ${name} is valid: ${ajv.errorsText(validate.errors)}`);
  }
}
