import type { LoadedDestinationPlugin } from '@caravan/core';
import type { components } from '../../generated/openapi.js';

export function toDestinationTypeResource({
  definition,
}: LoadedDestinationPlugin): components['schemas']['DestinationType'] {
  return {
    id: definition.id,
    apiVersion: definition.apiVersion,
    displayName: definition.displayName,
    configSchema: definition.configSchema,
    credentialsSchema: definition.credentialsSchema,
  };
}
