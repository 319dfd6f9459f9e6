import type { EndpointFilter } from './endpointFilter.js';

export { filterMatches, validateFilter, type EndpointFilter, type FilterTarget } from './endpointFilter.js';
export { validateCustomHeaders, RESERVED_HEADER_NAMES } from './customHeaders.js';

/** How deliveries to an endpoint are signed (Standard Webhooks `v1,` HMAC or `v1a,` Ed25519). */
export type SigningScheme = 'hmac' | 'ed25519';

/** `active` receives deliveries; `paused` holds them (tenant's choice); `disabled` discards them (Caravan's). */
export type EndpointStatus = 'active' | 'paused' | 'disabled';

/** Why Caravan disabled an endpoint. */
export type DisabledReason = 'continuous_failure' | 'gone';

/** Per-endpoint token bucket: `burst` is always resolved (it defaults to `perSecond`). */
export interface EndpointRateLimit {
  perSecond: number;
  burst: number;
}

/** A receiver URL of one of the tenant's customers, with its subscriptions and limits. */
export interface Endpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string | null;
  ownerId: string | null;
  /** Event type patterns (see {@link eventTypePatternMatches}). */
  eventTypes: string[];
  filter: EndpointFilter | null;
  headers: Record<string, string>;
  rateLimit: EndpointRateLimit | null;
  maxConcurrency: number | null;
  timeoutMs: number;
  /** Delays in seconds before each retry; `null` uses the installation's schedule. */
  retrySchedule: number[] | null;
  /** `null` uses the tenant's default pool. */
  egressPoolId: string | null;
  signingScheme: SigningScheme;
  /** The body each delivery carries (see {@link PayloadFormat}). */
  payloadFormat: PayloadFormat;
  /** Each request carries the attempt's W3C `traceparent` header when tracing is on. */
  sendTraceparent: boolean;
  /** Where deliveries go: over HTTP to `url`, or into the customer's broker through a destination plugin. */
  destination: EndpointDestination;
  /** The current secret's `whpk_` public key on `ed25519` endpoints; `null` on `hmac` ones. */
  publicKey: string | null;
  status: EndpointStatus;
  disabledReason: DisabledReason | null;
  /** Since when every attempt has failed (epoch ms), or `null`. */
  failingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The built-in destination: an HTTP POST to the endpoint's `url`. */
export const HTTP_DESTINATION = 'http';

/**
 * Where an endpoint delivers. `type` is `http` (config and credentials `null`) or the id of an
 * installed destination plugin, whose schema `config` passed. Credentials are kept only encrypted
 * (aad: the endpoint id) and never leave Caravan.
 */
export interface EndpointDestination {
  type: string;
  config: Record<string, unknown> | null;
  credentialsEncrypted: string | null;
}

/** The destination of an endpoint that delivers over HTTP. */
export const httpDestination = (): EndpointDestination => ({
  type: HTTP_DESTINATION,
  config: null,
  credentialsEncrypted: null,
});

/**
 * `raw`: the event's payload bytes as sent. `envelope`: `{"type","timestamp","data"}` with the payload
 * bytes as `data` (the Standard Webhooks recommendation).
 */
export type PayloadFormat = 'raw' | 'envelope';

/** Request timeout when the tenant does not set one (the contract's `TimeoutMs` default). */
export const DEFAULT_TIMEOUT_MS = 15_000;

/** What an endpoint subscribes to when it is created without `eventTypes`: everything. */
export const DEFAULT_EVENT_TYPES: readonly string[] = ['*'];

/**
 * Whether an event type matches a subscription pattern. Both are `.`-separated segments; a `*` segment
 * matches exactly one (non-empty) segment of any value, so `invoice.*` matches `invoice.paid` but neither `invoice`
 * nor `invoice.line.created`. The pattern `*` alone matches every event type. Matching is exact and
 * case-sensitive otherwise.
 */
export function eventTypePatternMatches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  const want = pattern.split('.');
  const got = eventType.split('.');
  if (want.length !== got.length) return false;
  return want.every((segment, i) => {
    const actual = got[i] ?? '';
    return segment === '*' ? actual !== '' : segment === actual;
  });
}

/** Whether any of the endpoint's patterns matches the event type. */
export function endpointSubscribes(endpoint: Pick<Endpoint, 'eventTypes'>, eventType: string): boolean {
  return endpoint.eventTypes.some((pattern) => eventTypePatternMatches(pattern, eventType));
}
