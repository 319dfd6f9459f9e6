import type { ApiKey } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso, isoOrNull } from '../Handler.js';

export function toApiKeyResource(k: ApiKey): components['schemas']['ApiKey'] {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    expiresAt: isoOrNull(k.expiresAt),
    lastUsedAt: isoOrNull(k.lastUsedAt),
    createdAt: iso(k.createdAt),
  };
}
