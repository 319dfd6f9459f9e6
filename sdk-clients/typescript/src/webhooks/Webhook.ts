import { WebhookVerificationError } from './WebhookVerificationError.js';
import { readHeader, type WebhookHeaders } from './headers.js';
import { loadSecret, type SigningSecret } from './secrets.js';

export { WebhookVerificationError } from './WebhookVerificationError.js';
export type { WebhookHeaders } from './headers.js';

/** Options of a `Webhook` verifier. */
export interface WebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way. Default 300 s (Standard Webhooks). */
  toleranceSeconds?: number;
  /** The current time; injected by tests. */
  now?: () => Date;
}

const encoder = new TextEncoder();

/**
 * Verifies (and, for tests, signs) webhooks the Standard Webhooks way, as Caravan sends them.
 *
 * The secret is the endpoint's `whsec_…` (HMAC-SHA256, `v1`), its Ed25519 public key `whpk_…` (`v1a`,
 * verify only) or Ed25519 signing key `whsk_…` (`v1a`). A request passes when any one signature in
 * `webhook-signature` matches, so it keeps passing across a secret rotation. Signatures are checked by
 * Web Crypto's `verify`, which compares in constant time. Works in Node ≥ 20 and modern browsers.
 *
 * @example
 * const payload = await new Webhook(process.env.ENDPOINT_SECRET!).verify(rawBody, request.headers);
 */
export class Webhook {
  private readonly secret: Promise<SigningSecret>;
  private readonly toleranceSeconds: number;
  private readonly now: () => Date;

  constructor(secret: string, options: WebhookOptions = {}) {
    this.secret = loadSecret(secret);
    // An invalid secret surfaces from verify/sign; this keeps it from being an unhandled rejection.
    this.secret.catch(() => undefined);
    this.toleranceSeconds = options.toleranceSeconds ?? 300;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Checks the headers against the exact body bytes received and returns the parsed JSON payload.
   *
   * @throws WebhookVerificationError when a header is missing, the timestamp is outside the tolerance or
   * no signature matches.
   */
  async verify<T = unknown>(body: string | Uint8Array, headers: WebhookHeaders): Promise<T> {
    const id = readHeader(headers, 'webhook-id');
    const timestamp = readHeader(headers, 'webhook-timestamp');
    const signatures = readHeader(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing required headers');
    if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('invalid webhook-timestamp');
    const skew = Math.floor(this.now().getTime() / 1000) - Number(timestamp);
    if (skew > this.toleranceSeconds) throw new WebhookVerificationError('message timestamp too old');
    if (skew < -this.toleranceSeconds) throw new WebhookVerificationError('message timestamp too new');

    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    const content = signedContent(id, timestamp, bytes);
    const secret = await this.secret;
    for (const entry of signatures.split(' ')) {
      const comma = entry.indexOf(',');
      if (comma < 0 || entry.slice(0, comma) !== secret.version) continue;
      const signature = decodeBase64(entry.slice(comma + 1));
      if (signature && signature.length > 0 && (await secret.verify(signature, content))) {
        return JSON.parse(new TextDecoder().decode(bytes)) as T;
      }
    }
    throw new WebhookVerificationError('no matching signature');
  }

  /** The `webhook-signature` value for a message: `v1,<base64>` (or `v1a,…` with a `whsk_` key). */
  async sign(id: string, timestamp: Date, body: string | Uint8Array): Promise<string> {
    const bytes = typeof body === 'string' ? encoder.encode(body) : body;
    const seconds = String(Math.floor(timestamp.getTime() / 1000));
    const secret = await this.secret;
    const signature = await secret.sign(signedContent(id, seconds, bytes));
    return `${secret.version},${encodeBase64(signature)}`;
  }
}

function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  return content;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
