import type { LoadedSourcePlugin } from '@caravan/core';
import type { components } from '../../generated/openapi.js';

export function toSourceTypeResource({
  definition,
}: LoadedSourcePlugin): components['schemas']['SourceType'] {
  return {
    id: definition.id,
    apiVersion: definition.apiVersion,
    displayName: definition.displayName,
    configSchema: definition.configSchema,
    credentialsSchema: definition.credentialsSchema,
  };
}
