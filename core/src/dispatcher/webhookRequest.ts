import { webhookHeaders, type SigningSecret } from '../crypto/signature.js';
import { validateCustomHeaders } from '../domain/customHeaders.js';
import type { DeliveryRecord } from '../domain/pipelineRecords.js';

/** What a webhook request is built from. */
export interface WebhookRequestInput {
  record: Pick<DeliveryRecord, 'eventId' | 'payload' | 'headers'>;
  url: string;
  endpointHeaders: Readonly<Record<string, string>>;
  /** Every secret live at `now`, current first. */
  secrets: readonly SigningSecret[];
  /** Epoch ms of this attempt. */
  now: number;
  /** `Caravan/<version>`. */
  userAgent: string;
}

/**
 * The request of one attempt: the exact payload bytes, `content-type`, `user-agent`, the endpoint's
 * and then the event's custom headers, and the Standard Webhooks headers. `webhook-id` is the event id,
 * the same across retries, recoveries and replays (docs/api-conventions.md), so receivers can drop
 * duplicates; `webhook-timestamp` is this attempt's time; one signature per live secret.
 */
export function buildWebhookRequest(input: WebhookRequestInput): {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
} {
  const body = Buffer.from(input.record.payload, 'utf8');
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
