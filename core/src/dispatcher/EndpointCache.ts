import type { KeyRing } from '../crypto/KeyRing.js';
import type { SigningSecret } from '../crypto/signature.js';
import type { Clock } from '../domain/Clock.js';
import { HTTP_DESTINATION, type DisabledReason, type Endpoint } from '../domain/endpoint.js';
import { signingSecretOf } from '../management/endpointSecrets.js';
import type { EndpointRepository } from '../storage/EndpointRepository.js';
import type { DestinationTarget } from './WebhookSender.js';

/** An endpoint as the dispatcher sends to it: settings and decrypted signing secrets. */
export interface DispatchTarget {
  endpoint: Endpoint;
  /** Secrets live when loaded, current first; each signs until `expiresAt` (`null`: the current one). */
  secrets: readonly { secret: SigningSecret; expiresAt: number | null }[];
  /** Set when the endpoint delivers into a broker through a destination plugin, credentials decrypted. */
  destination?: DestinationTarget;
}

/** Where the dispatcher looks endpoints up. */
export interface DispatchTargets {
  /** The endpoint and its secrets, or `undefined` when it no longer exists. */
  get(tenantId: string, endpointId: string): Promise<DispatchTarget | undefined>;
  /**
   * The endpoint row was last changed at `updatedAt` (read with a batch of deliveries): a cached copy of
   * another version is dropped, so a rotated secret, a pause or a new URL applies to the next send.
   */
  noteVersion?(tenantId: string, endpointId: string, updatedAt: number): void;
  /** The dispatcher disabled the endpoint itself: records still to come must see it at once. */
  markDisabled(tenantId: string, endpointId: string, reason: DisabledReason): void;
}

/** Loads one endpoint with its live secrets from storage. */
export type LoadDispatchTarget = (
  tenantId: string,
  endpointId: string,
  now: number,
) => Promise<DispatchTarget | undefined>;

/** Loads targets from the endpoint repository, decrypting secrets with the operator's key ring. */
export function loadFromRepository(deps: {
  endpoints: EndpointRepository;
  keyRing: KeyRing;
}): LoadDispatchTarget {
  return async (tenantId, endpointId, now) => {
    const endpoint = await deps.endpoints.get(tenantId, endpointId);
    if (!endpoint) return undefined;
    const stored = await deps.endpoints.liveSecrets(tenantId, endpointId, now);
    const destination = destinationTarget(endpoint, deps.keyRing);
    return {
      endpoint,
      secrets: stored.map((s) => ({ secret: signingSecretOf(deps.keyRing, s), expiresAt: s.expiresAt })),
      ...(destination ? { destination } : {}),
    };
  };
}

/** The broker destination of an endpoint, credentials decrypted; `undefined` for HTTP endpoints. */
export function destinationTarget(endpoint: Endpoint, keyRing: KeyRing): DestinationTarget | undefined {
  const { type, config, credentialsEncrypted } = endpoint.destination;
  if (type === HTTP_DESTINATION) return undefined;
  return {
    tenantId: endpoint.tenantId,
    endpointId: endpoint.id,
    type,
    config: config ?? {},
    credentials:
      credentialsEncrypted === null
        ? null
        : (JSON.parse(keyRing.decrypt(credentialsEncrypted, endpoint.id).toString('utf8')) as Record<
            string,
            unknown
          >),
    version: `${endpoint.updatedAt}`,
  };
}

/** The secrets of a target that sign at `now`. */
export function liveSecrets(target: DispatchTarget, now: number): SigningSecret[] {
  return target.secrets.filter((s) => s.expiresAt === null || s.expiresAt > now).map((s) => s.secret);
}

export interface EndpointCacheOptions {
  load: LoadDispatchTarget;
  clock: Clock;
  /**
   * How long a loaded endpoint is used before it is read again (default 5 s): the delay before a
   * change made through the API (pause, new URL, rotated secret) reaches deliveries.
   */
  ttlMs?: number;
  maxEntries?: number;
}

interface Entry {
  loadedAt: number;
  value: Promise<DispatchTarget | undefined>;
  /** The loaded endpoint's `updatedAt`, once the load has finished. */
  version?: number;
}

/**
 * {@link DispatchTargets} with a short TTL, so a burst of deliveries to one endpoint reads it once.
 * Concurrent lookups of one endpoint share one load; a failed load is not kept.
 */
export class EndpointCache implements DispatchTargets {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(private readonly options: EndpointCacheOptions) {
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  get(tenantId: string, endpointId: string): Promise<DispatchTarget | undefined> {
    const key = `${tenantId}/${endpointId}`;
    const now = this.options.clock.now();
    const cached = this.#entries.get(key);
    if (cached && now - cached.loadedAt < this.#ttlMs && now >= cached.loadedAt) return cached.value;
    const value = this.options.load(tenantId, endpointId, now);
    const entry: Entry = { loadedAt: now, value };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    value.then(
      (target) => {
        if (target) entry.version = target.endpoint.updatedAt;
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return value;
  }

  noteVersion(tenantId: string, endpointId: string, updatedAt: number): void {
    const key = `${tenantId}/${endpointId}`;
    const entry = this.#entries.get(key);
    // An entry still loading may have read the row before the change; dropping it costs one more read.
    if (entry && entry.version !== updatedAt) this.#entries.delete(key);
  }

  markDisabled(tenantId: string, endpointId: string, reason: DisabledReason): void {
    const key = `${tenantId}/${endpointId}`;
    const entry = this.#entries.get(key);
    if (!entry) return;
    entry.value = entry.value.then(
      (target) =>
        target && { ...target, endpoint: { ...target.endpoint, status: 'disabled', disabledReason: reason } },
    );
    entry.value.catch(() => undefined);
  }
}
