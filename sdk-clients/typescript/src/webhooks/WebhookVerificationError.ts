/** A webhook failed verification: missing headers, a timestamp out of tolerance, or no valid signature. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}
