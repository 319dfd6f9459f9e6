import type { EventSummary, EventWithDeliveries } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
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
 * The event with its payload. The payload is answered as the JSON value it is; its exact bytes are what
 * deliveries carry (this answer is re-serialised, so whitespace and number spelling may differ).
 */
export function toEventResource({
  event,
  deliveries,
  hasMoreDeliveries,
}: EventWithDeliveries): Schemas['Event'] {
  const { createdAt, ...rest } = toEventSummaryResource(event);
  return {
    ...rest,
    payload: JSON.parse(event.payload) as unknown,
    createdAt,
    deliveries: deliveries.map(toDeliveryResource),
    hasMoreDeliveries,
  };
}
