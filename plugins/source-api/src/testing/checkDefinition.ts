import type { ExecutionContext } from 'ava';
import { checkDefinition as checkPluginDefinition } from '@caravan/plugin-common/testing';
import { sourcePluginProblem, type SourcePluginDefinition } from '../defineSourcePlugin.js';

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
  checkPluginDefinition(t, plugin, {
    problem: sourcePluginProblem,
    definedBy: 'defineSourcePlugin',
    config,
    credentials,
  });
}
