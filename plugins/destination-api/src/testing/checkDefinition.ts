import type { ExecutionContext } from 'ava';
import { checkDefinition as checkPluginDefinition } from '@caravan/plugin-common/testing';
import { destinationPluginProblem, type DestinationPluginDefinition } from '../defineDestinationPlugin.js';

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
  checkPluginDefinition(t, plugin, {
    problem: destinationPluginProblem,
    definedBy: 'defineDestinationPlugin',
    config,
    credentials,
  });
}
