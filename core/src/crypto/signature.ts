import { createHmac, sign } from 'node:crypto';
import { parseEd25519Secret, parseHmacSecret } from './webhookSecrets.js';

/** One live signing secret of an endpoint: `whsec_…` for `hmac`, `whsk_…` for `ed25519`. */
export type SigningSecret = { scheme: 'hmac'; secret: string } | { scheme: 'ed25519'; secret: string };

/** What one webhook request is signed over. */
export interface SignPayloadInput {
  /** The `webhook-id`: the event id, the same across retries. */
  msgId: string;
  /** The `webhook-timestamp`: epoch seconds (an integer) of this attempt. */
  timestamp: number;
  /** The exact body bytes sent; a string is taken as UTF-8. */
  body: Buffer | Uint8Array | string;
  /** Every live secret, current first: during a rotation overlap each one signs. */
  secrets: readonly SigningSecret[];
}

/** The Standard Webhooks headers of one request. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The bytes a Standard Webhooks signature covers: `${msgId}.${timestamp}.` followed by the body bytes. */
export function signedContent(msgId: string, timestamp: number, body: Buffer | Uint8Array | string): Buffer {
  assertTimestamp(timestamp);
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  // The body is appended as bytes, never re-stringified: the receiver verifies the bytes it got.
  return Buffer.concat([Buffer.from(`${msgId}.${timestamp}.`, 'utf8'), bytes]);
}

/**
 * The `webhook-signature` header value: `v1,<base64 HMAC-SHA256>` for each HMAC secret and
 * `v1a,<base64 Ed25519>` for each Ed25519 secret, space-separated in the order given. A receiver holding
 * any one of the secrets verifies it.
 *
 * @throws InvalidSecretError when a secret is malformed; RangeError when there is no secret or the
 * timestamp is not integer epoch seconds.
 */
export function signPayload({ msgId, timestamp, body, secrets }: SignPayloadInput): string {
  if (secrets.length === 0) throw new RangeError('A webhook needs at least one signing secret');
  const content = signedContent(msgId, timestamp, body);
  return secrets
    .map((s) =>
      s.scheme === 'hmac'
        ? `v1,${createHmac('sha256', parseHmacSecret(s.secret)).update(content).digest('base64')}`
        : `v1a,${sign(null, content, parseEd25519Secret(s.secret)).toString('base64')}`,
    )
    .join(' ');
}

/** The `webhook-id`, `webhook-timestamp` and `webhook-signature` headers of one request. */
export function webhookHeaders(input: SignPayloadInput): WebhookHeaders {
  return {
    'webhook-id': input.msgId,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': signPayload(input),
  };
}

// Seconds, not milliseconds: receivers reject timestamps more than 5 minutes off, and a value in
// milliseconds (≥ 10^11, the year 5138 in seconds) would make every request fail verification.
function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp >= 1e11) {
    throw new RangeError(`webhook-timestamp must be integer epoch seconds, got ${timestamp}`);
  }
}
