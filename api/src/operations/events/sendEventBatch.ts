import { setImmediate } from 'node:timers/promises';
import { batchPayloadSpans } from '@caravan/core';
import type { Handler } from '../Handler.js';
import { requireRawBody, toIngestItem } from './toIngestItem.js';

export const sendEventBatch: Handler<'sendEventBatch'> = async (
  { tenantId, body, rawBody, headers },
  { ingest },
) => {
  const raw = requireRawBody(rawBody);
  const spans = batchPayloadSpans(raw);
  // A turn of the event loop between locating the payloads and ingesting them (see readJsonBody).
  await setImmediate();
  if (spans.length !== body.events.length) throw new Error('the batch body and its payload spans disagree');
  const items = body.events.map((event, i) => toIngestItem(event, raw, spans[i]!));
  const results = await ingest.ingest(tenantId, items, { batch: true, traceparent: headers.traceparent });
  return { status: 202, body: { data: results } };
};
