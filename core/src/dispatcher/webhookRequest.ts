import { webhookHeaders, type SigningSecret } from '../crypto/signature.js';
import { validateCustomHeaders } from '../domain/customHeaders.js';
import type { PayloadFormat } from '../domain/endpoint.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';

/** What a webhook request is built from. */
export interface WebhookRequestInput {
  record: Pick<DeliveryRecord, 'eventId' | 'eventType' | 'eventCreatedAt' | 'payload' | 'headers'>;
  url: string;
  /** The endpoint's body format; `raw` when absent. */
  payloadFormat?: PayloadFormat;
  endpointHeaders: Readonly<Record<string, string>>;
  /** Every secret live at `now`, current first. */
  secrets: readonly SigningSecret[];
  /** Epoch ms of this attempt. */
  now: number;
  /** `Caravan/<version>`. */
  userAgent: string;
}

/** The header every delivery carries the event type in (the body may not say it: `raw`). */
export const EVENT_TYPE_HEADER = 'webhook-event-type';

/**
 * The body of one delivery. `raw`: the payload bytes as the tenant sent them. `envelope`: the Standard
 * Webhooks shape `{"type","timestamp","data"}`, with the payload bytes spliced in as `data` rather than
 * parsed and serialised again, so the receiver's `data` is exactly what the tenant sent (number
 * precision, member order and whitespace included). `timestamp` is when the event was accepted, the
 * same on every attempt (`webhook-timestamp` is the attempt's).
 */
export function webhookBody(
  record: Pick<DeliveryRecord, 'eventType' | 'eventCreatedAt' | 'payload'>,
  format: PayloadFormat,
): string {
  if (format === 'raw') return record.payload;
  const type = JSON.stringify(record.eventType);
  const timestamp = JSON.stringify(new Date(record.eventCreatedAt).toISOString());
  return `{"type":${type},"timestamp":${timestamp},"data":${record.payload}}`;
}

/**
 * The request of one attempt: the body ({@link webhookBody}), `content-type`, `user-agent`, the endpoint's
 * and then the event's custom headers, the event type ({@link EVENT_TYPE_HEADER}), and the Standard
 * Webhooks headers. `webhook-id` is the event id,
 * the same across retries, recoveries and replays (docs/api-conventions.md), so receivers can drop
 * duplicates; `webhook-timestamp` is this attempt's time; one signature per live secret.
 */
export function buildWebhookRequest(input: WebhookRequestInput): {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
} {
  const body = Buffer.from(webhookBody(input.record, input.payloadFormat ?? 'raw'), 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': input.userAgent,
  };
  for (const custom of [input.endpointHeaders, input.record.headers]) {
    for (const [name, value] of Object.entries(custom)) {
      // Both sets were validated when saved; a header that slipped through anyway (an older row, a
      // broker attribute) is dropped rather than fail every attempt or override Caravan's own headers.
      if (validateCustomHeaders({ [name]: value }).length === 0) headers[name.toLowerCase()] = value;
    }
  }
  headers[EVENT_TYPE_HEADER] = input.record.eventType;
  Object.assign(
    headers,
    webhookHeaders({
      msgId: input.record.eventId,
      timestamp: Math.floor(input.now / 1000),
      body,
      secrets: input.secrets,
    }),
  );
  return { url: input.url, headers, body };
}
