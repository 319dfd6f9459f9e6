import type { Dispatcher } from 'undici';

/** Why an attempt failed: the contract's `AttemptErrorCode`. */
export type AttemptErrorCode =
  | 'non_2xx_status'
  | 'timeout'
  | 'dns_failed'
  | 'connection_failed'
  | 'tls_failed'
  | 'address_not_allowed'
  | 'destination_unavailable'
  | 'destination_rejected';

/**
 * An endpoint that delivers into a broker through a destination plugin: which plugin, and what it
 * needs. The request's headers become the message's attributes and its body the message body.
 */
export interface DestinationTarget {
  tenantId: string;
  endpointId: string;
  /** The plugin id. */
  type: string;
  config: Readonly<Record<string, unknown>>;
  /** Decrypted; `null` when none are stored. */
  credentials: Readonly<Record<string, unknown>> | null;
  /** Changes whenever the type, config or credentials change: a producer of another version is replaced. */
  version: string;
}

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
   * The endpoint's egress pool, as routes to try in order: the first one, and the next one whenever a
   * route could not connect (the request was not sent). Omitted: the sender's own SSRF-guarded agent,
   * recorded as `null`.
   */
  egress?: { routes: readonly EgressRoute[] };
  /** Set when the endpoint delivers into a broker: `url` is then descriptive only, and `egress` unused. */
  destination?: DestinationTarget;
}

/** One way out of an egress pool. */
export interface EgressRoute {
  /** A `bind` pool's agent (built with the sender's `connectOptions()`) or a `proxy` pool's `ProxyAgent`. */
  dispatcher: Dispatcher;
  /** Recorded on the attempt: the bound local address, or the proxy with its credentials masked. */
  address: string;
  /**
   * Through a forward proxy, which resolves host names itself: the sender resolves and checks the target
   * first (SSRF guard) and has the proxy connect to the checked address, keeping the name in `Host`/SNI.
   */
  viaProxy: boolean;
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
