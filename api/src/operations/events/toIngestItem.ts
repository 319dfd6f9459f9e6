import type { IngestItem, Span } from '@caravan/core';
import type { components } from '../../generated/openapi.js';

type SendEventRequest = components['schemas']['SendEventRequest'];

/**
 * One request event as ingest takes it: the parsed body for the envelope, and the payload's exact bytes
 * from the raw body (located by `payloadSpan`/`batchPayloadSpans`), which are what gets stored and sent.
 */
export function toIngestItem(event: SendEventRequest, rawBody: Buffer, span: Span): IngestItem {
  return {
    eventType: event.eventType,
    payloadText: rawBody.toString('utf8', span.start, span.end),
    payload: event.payload,
    idempotencyKey: event.idempotencyKey,
    endpointId: event.endpointId,
    ownerId: event.ownerId,
    headers: event.headers,
  };
}

/** The body's bytes; operations that keep exact payloads always have them. */
export function requireRawBody(rawBody: Buffer | undefined): Buffer {
  if (!rawBody) throw new Error('the request body was not kept');
  return rawBody;
}
