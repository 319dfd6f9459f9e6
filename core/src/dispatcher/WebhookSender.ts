import type { Dispatcher } from 'undici';

/** Why an attempt failed: the contract's `AttemptErrorCode`. */
export type AttemptErrorCode =
  'non_2xx_status' | 'timeout' | 'dns_failed' | 'connection_failed' | 'tls_failed' | 'address_not_allowed';

/** One webhook request, fully built except for the transport's own headers. */
export interface SendRequest {
  url: string;
  /** Every header to send, lower-case names, the signature headers included. */
  headers: Readonly<Record<string, string>>;
  /** The exact payload bytes. */
  body: Buffer;
  /** Deadline for the whole exchange: connecting, the response headers and the body excerpt. */
  timeoutMs: number;
  /**
   * The egress route: an undici dispatcher (a `bind` pool's agent or a `proxy` pool's `ProxyAgent`) and
   * the address to record for it. Omitted: the sender's own SSRF-guarded agent, recorded as `null`.
   */
  egress?: { dispatcher: Dispatcher; address: string | null };
}

/** What came back, or why nothing usable did. `error` is `null` exactly when the answer was 2xx. */
export interface SendResult {
  startedAt: number;
  durationMs: number;
  /** The receiver's status, when an answer arrived (also on a `timeout` while reading its body). */
  statusCode: number | null;
  /** Lower-case names; repeated headers joined with `, `. `null` when no answer arrived. */
  responseHeaders: Record<string, string> | null;
  /** The first 4096 bytes of the response body as UTF-8, or `null` when there was none. */
  responseBodyExcerpt: string | null;
  error: { code: AttemptErrorCode; message: string } | null;
  egressAddress: string | null;
}

/**
 * Sends one webhook request. Never throws for anything the network or the receiver did: every outcome
 * is a {@link SendResult}, so the dispatcher records an attempt for each.
 */
export interface WebhookSender {
  send(request: SendRequest): Promise<SendResult>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
