import type { Principal } from '@caravan/core';
import type { BodyLimits } from '../server/createApiMiddleware.js';
import type { Services } from '../server/Services.js';

// Room for an event's envelope around its payload: type, key, ids and up to 20 headers of 1 KiB.
const ENVELOPE_BYTES = 64 * 1024;
const BATCH_EVENTS = 500;
// A full batch of maximal payloads could be gigabytes; a batch body is capped, larger sends split up.
// Parsing a body and appending its events hold the event loop in steps that grow with the body
// (`JSON.parse` cannot be split): 16 MiB keeps each step to a fraction of a second, where 64 MiB held
// the loop for seconds and stalled every other tenant's requests.
export const BATCH_CAP_BYTES = 16 * 1024 * 1024;

/**
 * Body limits of the ingest operations, from the tenant's `maxPayloadBytes`: an event can always be
 * sent alone, and a batch may hold 500 events up to 16 MiB in all. A payload over the tenant's limit
 * inside an accepted body is refused by ingest, naming its field.
 */
export const bodyLimits: BodyLimits = {
  sendEvent: (principal, { ingest }) => singleEventLimit(principal, ingest),
  sendEventBatch: async (principal, { ingest }) => {
    const single = await singleEventLimit(principal, ingest);
    return Math.max(single, Math.min(single * BATCH_EVENTS, BATCH_CAP_BYTES));
  },
};

async function singleEventLimit(principal: Principal, ingest: Services['ingest']): Promise<number> {
  // Only tenant keys reach ingest operations; the audience check has answered everyone else already.
  if (principal.kind !== 'tenant') return ENVELOPE_BYTES;
  return (await ingest.maxPayloadBytes(principal.tenantId)) + ENVELOPE_BYTES;
}
