import { payloadSpan } from '@caravan/core';
import type { Handler } from '../Handler.js';
import { requireRawBody, toIngestItem } from './toIngestItem.js';

export const sendEvent: Handler<'sendEvent'> = async ({ tenantId, body, rawBody, headers }, { ingest }) => {
  const raw = requireRawBody(rawBody);
  const [result] = await ingest.ingest(tenantId, [toIngestItem(body, raw, payloadSpan(raw))], {
    traceparent: headers.traceparent,
  });
  return { status: 202, body: result! };
};
