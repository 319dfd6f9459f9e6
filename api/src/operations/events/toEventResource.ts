import type { EventSummary, EventWithDeliveries } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { JsonText } from '../../http/JsonText.js';
import { toDeliveryResource } from '../deliveries/toDeliveryResource.js';
import { iso } from '../Handler.js';

type Schemas = components['schemas'];

export function toEventSummaryResource(e: EventSummary): Schemas['EventSummary'] {
  return {
    id: e.id,
    eventType: e.eventType,
    idempotencyKey: e.idempotencyKey,
    endpointId: e.endpointId,
    ownerId: e.ownerId,
    headers: { ...e.headers },
    sourceId: e.sourceId,
    createdAt: iso(e.createdAt),
  };
}

/**
 * The event with its payload, answered as the exact text stored (the bytes deliveries carry), never
 * re-serialised.
 */
export function toEventResource({
  event,
  deliveries,
  hasMoreDeliveries,
}: EventWithDeliveries): Schemas['Event'] {
  const { createdAt, ...rest } = toEventSummaryResource(event);
  return {
    ...rest,
    payload: new JsonText(event.payload),
    createdAt,
    deliveries: deliveries.map(toDeliveryResource),
    hasMoreDeliveries,
  };
}
