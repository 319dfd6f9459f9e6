import type { EventType } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso } from '../Handler.js';

export function toEventTypeResource(e: EventType): components['schemas']['EventType'] {
  return {
    name: e.name,
    description: e.description,
    schema: e.schema,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}
