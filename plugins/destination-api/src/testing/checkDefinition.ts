import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ExecutionContext } from 'ava';
import { destinationPluginProblem, type DestinationPluginDefinition } from '../defineDestinationPlugin.js';

const addFormats = addFormatsModule.default;

/**
 * Checks what the host checks when it loads a plugin and validates an endpoint's destination: the
 * definition itself, that both schemas compile as the host compiles them (Ajv draft-07, strict,
 * ajv-formats), close their objects (`additionalProperties: false`), and admit the config and
 * credentials the suite runs with.
 */
export function checkDefinition(
  t: ExecutionContext,
  plugin: DestinationPluginDefinition<unknown, unknown>,
  config: unknown,
  credentials: unknown,
): void {
  t.is(destinationPluginProblem(plugin), undefined, 'the definition meets the contract');
  t.true(
    Object.isFrozen(plugin) && Object.isFrozen(plugin.configSchema),
    'it was made by defineDestinationPlugin',
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
