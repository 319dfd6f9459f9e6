import type { Attempt, Delivery } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso, isoOrNull } from '../Handler.js';

type Schemas = components['schemas'];

export function toDeliveryResource(d: Delivery): Schemas['Delivery'] {
  return {
    id: d.id,
    eventId: d.eventId,
    endpointId: d.endpointId,
    eventType: d.eventType,
    status: d.status,
    attemptCount: d.attemptCount,
    nextAttemptAt: isoOrNull(d.nextAttemptAt),
    lastAttemptAt: isoOrNull(d.lastAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError as Schemas['Delivery']['lastError'],
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function toAttemptResource(a: Attempt): Schemas['Attempt'] {
  return {
    id: a.id,
    deliveryId: a.deliveryId,
    attemptNumber: a.attemptNumber,
    trigger: a.trigger,
    url: a.url ?? '',
    startedAt: iso(a.startedAt),
    durationMs: a.durationMs,
    statusCode: a.statusCode,
    error: a.error as Schemas['Attempt']['error'],
    requestHeaders: a.requestHeaders,
    responseHeaders: a.responseHeaders,
    responseBodyExcerpt: a.responseBodyExcerpt,
    egressAddress: a.egressAddress,
  };
}
