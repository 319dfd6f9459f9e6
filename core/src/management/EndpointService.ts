import type { KeyRing } from '../crypto/KeyRing.js';
import type { SigningSecret } from '../crypto/signature.js';
import type { Clock } from '../domain/Clock.js';
import {
  DEFAULT_EVENT_TYPES,
  DEFAULT_TIMEOUT_MS,
  HTTP_DESTINATION,
  validateCustomHeaders,
  validateFilter,
  type Endpoint,
  type EndpointDestination,
  type EndpointFilter,
  type EndpointRateLimit,
  type PayloadFormat,
  type SigningScheme,
} from '../domain/endpoint.js';
import { newId } from '../domain/ids.js';
import type { DestinationPlugins, LoadedDestinationPlugin } from '../plugins/index.js';
import type { HostAllowlist } from '../sources/hostAllowlist.js';
import {
  resolveDestination,
  type DestinationInput,
  type ResolvedDestination,
} from './endpointDestination.js';
import { newJob, type Job } from '../domain/job.js';
import type { UrlGuard } from '../domain/urlGuard.js';
import {
  DestinationTypeNotFoundError,
  EndpointDisabledError,
  EndpointLimitReachedError,
  EndpointNotFoundError,
  TooManySecretsError,
  ValidationError,
  invalidField,
  type FieldError,
} from '../errors/index.js';
import type { EndpointRepository } from '../storage/EndpointRepository.js';
import type { Page, PageRequest } from '../storage/Page.js';
import { HEALTH_WINDOW_SECONDS, toEndpointHealth, type EndpointHealth } from './endpointHealth.js';
import { newEndpointSecret, signingSecretOf } from './endpointSecrets.js';

export interface EndpointServiceDeps {
  endpoints: EndpointRepository;
  keyRing: KeyRing;
  clock: Clock;
  /** The SSRF guard, built with the operator's `ssrf.allowedCidrs`. */
  urlGuard: UrlGuard;
  /** Whether `poolId` exists and the tenant may use it; the egress-pool catalogue answers. */
  egressPoolAllowed?: (tenantId: string, poolId: string) => Promise<boolean>;
  /** The installed destination plugins; without them every endpoint delivers over HTTP. */
  destinations?: DestinationPlugins;
  /** The operator's `destinations.allowedHosts`; every host is allowed without it. */
  destinationHosts?: HostAllowlist;
}

/** The settings a tenant may send when creating or updating an endpoint. */
export interface EndpointSettings {
  url: string;
  description: string | null;
  ownerId: string | null;
  eventTypes: string[];
  filter: EndpointFilter | null;
  headers: Record<string, string>;
  rateLimit: { perSecond: number; burst?: number } | null;
  maxConcurrency: number | null;
  timeoutMs: number;
  retrySchedule: number[] | null;
  egressPoolId: string | null;
  payloadFormat: PayloadFormat;
  sendTraceparent: boolean;
}

/** `url` is required for the `http` destination (the default) and set by Caravan for a broker one. */
export type CreateEndpointInput = Partial<EndpointSettings> & {
  signingScheme?: SigningScheme;
  secret?: string;
  destination?: DestinationInput;
};

export type UpdateEndpointInput = Partial<EndpointSettings> & { destination?: DestinationInput };

/** A secret's public description: never its value. */
export interface EndpointSecretInfo {
  id: string;
  current: boolean;
  publicKey: string | null;
  createdAt: number;
  expiresAt: number | null;
}

/** Previous secrets live at once at most (the contract's limit); the current one comes on top. */
export const MAX_LIVE_PREVIOUS_SECRETS = 10;
/** How long a replaced secret keeps signing when the tenant does not say. */
export const DEFAULT_GRACE_PERIOD_SECONDS = 86_400;

/** A tenant's endpoints: settings, signing secrets and their rotation, status, health and recovery. */
export class EndpointService {
  constructor(private readonly deps: EndpointServiceDeps) {}

  async create(
    tenantId: string,
    input: CreateEndpointInput,
  ): Promise<{ endpoint: Endpoint; secret: string }> {
    const now = this.deps.clock.now();
    const id = newId('ep', now);
    const scheme = input.signingScheme ?? 'hmac';
    const fieldErrors = settingsErrors(input);
    let secret: ReturnType<typeof newEndpointSecret> | undefined;
    try {
      secret = newEndpointSecret(this.deps.keyRing, { tenantId, endpointId: id }, scheme, input.secret, now);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      fieldErrors.push(...error.errors);
    }
    const resolved = await this.resolveDestination(id, input.destination, undefined);
    fieldErrors.push(...urlErrors(input.url, resolved));
    if (fieldErrors.length > 0 || !secret) throw new ValidationError(fieldErrors);
    await this.checkPool(tenantId, input.egressPoolId);
    const url = resolved.url ?? input.url ?? '';
    if (resolved.url === undefined) await this.deps.urlGuard.check(url);
    const endpoint: Endpoint = {
      id,
      tenantId,
      url,
      description: input.description ?? null,
      ownerId: input.ownerId ?? null,
      eventTypes: input.eventTypes ?? [...DEFAULT_EVENT_TYPES],
      filter: input.filter ?? null,
      headers: input.headers ?? {},
      rateLimit: resolveRateLimit(input.rateLimit ?? null),
      maxConcurrency: input.maxConcurrency ?? null,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retrySchedule: input.retrySchedule ?? null,
      egressPoolId: input.egressPoolId ?? null,
      signingScheme: scheme,
      payloadFormat: input.payloadFormat ?? 'raw',
      sendTraceparent: input.sendTraceparent ?? false,
      destination: resolved.destination,
      publicKey: secret.stored.publicKey,
      status: 'active',
      disabledReason: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
    };
    const result = await this.deps.endpoints.insert(endpoint, secret.stored);
    if (!result.inserted) throw new EndpointLimitReachedError(result.limit);
    return { endpoint, secret: secret.value };
  }

  async get(tenantId: string, id: string): Promise<Endpoint> {
    const endpoint = await this.deps.endpoints.get(tenantId, id);
    if (!endpoint) throw new EndpointNotFoundError(id);
    return endpoint;
  }

  list(tenantId: string, filter: { ownerId?: string }, page: PageRequest): Promise<Page<Endpoint>> {
    return this.deps.endpoints.list(tenantId, filter, page);
  }

  /** PATCH: sent fields change, `null` clears; a new URL passes the SSRF guard again. */
  async update(tenantId: string, id: string, input: UpdateEndpointInput): Promise<Endpoint> {
    const fieldErrors = settingsErrors(input);
    if (fieldErrors.length > 0) throw new ValidationError(fieldErrors);
    const current = await this.get(tenantId, id);
    const resolved = input.destination
      ? await this.resolveDestination(id, input.destination, current.destination)
      : {
          destination: current.destination,
          url: current.destination.type === HTTP_DESTINATION ? undefined : current.url,
        };
    // Switching a broker endpoint back to http needs its URL in the same request.
    const needsUrl = resolved.url === undefined && current.destination.type !== HTTP_DESTINATION;
    check(urlErrors(input.url ?? (needsUrl ? undefined : current.url), resolved, input.url !== undefined));
    await this.checkPool(tenantId, input.egressPoolId);
    if (input.url !== undefined) await this.deps.urlGuard.check(input.url);
    const { rateLimit, destination: _destination, ...rest } = input;
    const updated = await this.deps.endpoints.update(tenantId, id, {
      ...rest,
      ...(rateLimit !== undefined ? { rateLimit: resolveRateLimit(rateLimit) } : {}),
      ...(input.destination ? { destination: resolved.destination } : {}),
      ...(resolved.url !== undefined ? { url: resolved.url } : {}),
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) throw new EndpointNotFoundError(id);
    return updated;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.deps.endpoints.delete(tenantId, id, this.deps.clock.now()))) {
      throw new EndpointNotFoundError(id);
    }
  }

  /** Stops deliveries (they wait as pending); pausing a paused endpoint changes nothing. */
  pause(tenantId: string, id: string): Promise<Endpoint> {
    return this.setStatus(tenantId, id, 'paused');
  }

  /** Makes a paused or disabled endpoint active again and resets its failure tracking. */
  resume(tenantId: string, id: string): Promise<Endpoint> {
    return this.setStatus(tenantId, id, 'active');
  }

  private async setStatus(tenantId: string, id: string, status: 'active' | 'paused'): Promise<Endpoint> {
    const endpoint = await this.deps.endpoints.setStatus(tenantId, id, status, this.deps.clock.now());
    if (!endpoint) throw new EndpointNotFoundError(id);
    return endpoint;
  }

  /** The live secrets (current first, then previous ones still in their grace period), never their values. */
  async listSecrets(tenantId: string, id: string): Promise<EndpointSecretInfo[]> {
    await this.get(tenantId, id);
    const live = await this.deps.endpoints.liveSecrets(tenantId, id, this.deps.clock.now());
    return live.map((s) => ({
      id: s.id,
      current: s.expiresAt === null,
      publicKey: s.publicKey,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
    }));
  }

  /**
   * Every secret that signs a request sent at `now`, decrypted: the current one first, then previous
   * ones whose grace period has not ended (`expiresAt > now`). For the dispatcher.
   */
  async liveSigningSecrets(tenantId: string, id: string, now: number): Promise<SigningSecret[]> {
    const live = await this.deps.endpoints.liveSecrets(tenantId, id, now);
    if (live.length === 0) throw new EndpointNotFoundError(id);
    return live.map((s) => signingSecretOf(this.deps.keyRing, s));
  }

  /**
   * Makes a new secret current at once. Every previous secret still live keeps signing until
   * `now + gracePeriodSeconds` at the latest (`0` retires them all now). Refused when more than
   * {@link MAX_LIVE_PREVIOUS_SECRETS} previous secrets would stay live.
   */
  async rotateSecret(
    tenantId: string,
    id: string,
    input: { gracePeriodSeconds?: number; secret?: string },
  ): Promise<{ id: string; secret: string; publicKey: string | null; previousSecretsExpireAt: number }> {
    const endpoint = await this.get(tenantId, id);
    const now = this.deps.clock.now();
    const next = newEndpointSecret(
      this.deps.keyRing,
      { tenantId, endpointId: id },
      endpoint.signingScheme,
      input.secret,
      now,
    );
    const previousExpireAt = now + (input.gracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS) * 1000;
    const result = await this.deps.endpoints.rotateSecret(tenantId, id, next.stored, {
      now,
      previousExpireAt,
      maxLivePrevious: MAX_LIVE_PREVIOUS_SECRETS,
    });
    if (result === 'not_found') throw new EndpointNotFoundError(id);
    if (result === 'too_many') throw new TooManySecretsError(MAX_LIVE_PREVIOUS_SECRETS);
    return {
      id: next.stored.id,
      secret: next.value,
      publicKey: next.stored.publicKey,
      previousSecretsExpireAt: previousExpireAt,
    };
  }

  async health(tenantId: string, id: string): Promise<EndpointHealth> {
    const endpoint = await this.get(tenantId, id);
    const now = this.deps.clock.now();
    return toEndpointHealth(
      endpoint,
      await this.deps.endpoints.health(tenantId, id, now - HEALTH_WINDOW_SECONDS * 1000),
    );
  }

  /** Queues a job that resends the endpoint's failed and discarded deliveries created in [since, until). */
  async recover(tenantId: string, id: string, input: { since: number; until?: number }): Promise<Job> {
    const now = this.deps.clock.now();
    if (input.until === undefined && input.since >= now) {
      throw invalidField(['since'], 'must be in the past');
    }
    const until = input.until ?? now;
    if (until <= input.since) throw invalidField(['until'], 'must be after since');
    const job = newJob(tenantId, 'endpoint_recover', { endpointId: id, since: input.since, until }, now);
    const result = await this.deps.endpoints.insertRecoverJob(job, id);
    if (result === 'not_found') throw new EndpointNotFoundError(id);
    if (result === 'disabled') throw new EndpointDisabledError(id);
    return job;
  }

  /** The installed destination plugins (`http` is built in and not among them). */
  async listDestinationTypes(): Promise<LoadedDestinationPlugin[]> {
    return (await this.deps.destinations?.list()) ?? [];
  }

  async getDestinationType(id: string): Promise<LoadedDestinationPlugin> {
    const plugin = await this.deps.destinations?.get(id);
    if (!plugin) throw new DestinationTypeNotFoundError(id);
    return plugin;
  }

  private resolveDestination(
    endpointId: string,
    input: DestinationInput | undefined,
    current: EndpointDestination | undefined,
  ): Promise<ResolvedDestination> {
    return resolveDestination(
      {
        plugins: this.deps.destinations,
        allowedHosts: this.deps.destinationHosts,
        keyRing: this.deps.keyRing,
      },
      endpointId,
      input ?? { type: HTTP_DESTINATION },
      current,
    );
  }

  private async checkPool(tenantId: string, poolId: string | null | undefined): Promise<void> {
    if (!poolId) return;
    const allowed = this.deps.egressPoolAllowed ? await this.deps.egressPoolAllowed(tenantId, poolId) : false;
    if (!allowed) {
      throw new ValidationError(
        [{ path: ['egressPoolId'], message: `egress pool ${poolId} does not exist or is not available` }],
        { code: 'CARAVAN_EGRESS_POOL_NOT_FOUND' },
      );
    }
  }
}

/** `url` is the http destination's, required there; a broker destination sets its own. */
function urlErrors(
  url: string | undefined,
  resolved: ResolvedDestination,
  urlSent = url !== undefined,
): FieldError[] {
  if (resolved.url === undefined)
    return url === undefined ? [{ path: ['url'], message: 'is required for the http destination' }] : [];
  return urlSent
    ? [
        {
          path: ['url'],
          message: `is not taken with destination ${resolved.destination.type} (it is the broker's)`,
        },
      ]
    : [];
}

function check(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationError(errors);
}

function settingsErrors(input: Partial<EndpointSettings>): FieldError[] {
  return [
    ...(input.filter ? validateFilter(input.filter) : []),
    ...(input.headers ? validateCustomHeaders(input.headers) : []),
  ];
}

function resolveRateLimit(limit: { perSecond: number; burst?: number } | null): EndpointRateLimit | null {
  return limit && { perSecond: limit.perSecond, burst: limit.burst ?? limit.perSecond };
}
