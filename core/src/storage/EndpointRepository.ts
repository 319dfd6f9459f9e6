import type {
  Endpoint,
  EndpointDestination,
  EndpointRateLimit,
  PayloadFormat,
  SigningScheme,
} from '../domain/endpoint.js';
import type { EndpointFilter } from '../domain/endpointFilter.js';
import type { Job } from '../domain/job.js';
import type { Page, PageRequest } from './Page.js';

/** One signing secret of an endpoint as stored: the value only encrypted (aad: the secret's id). */
export interface StoredEndpointSecret {
  id: string;
  tenantId: string;
  endpointId: string;
  scheme: SigningScheme;
  secretEncrypted: string;
  publicKey: string | null;
  createdAt: number;
  /** `null` for the current secret; when a previous secret stops signing. */
  expiresAt: number | null;
}

export interface EndpointChanges {
  url?: string;
  description?: string | null;
  ownerId?: string | null;
  eventTypes?: string[];
  filter?: EndpointFilter | null;
  headers?: Record<string, string>;
  rateLimit?: EndpointRateLimit | null;
  maxConcurrency?: number | null;
  timeoutMs?: number;
  retrySchedule?: number[] | null;
  egressPoolId?: string | null;
  payloadFormat?: PayloadFormat;
  sendTraceparent?: boolean;
  destination?: EndpointDestination;
  updatedAt: number;
}

/** How a rotation treats the secrets it replaces. */
export interface RotationPlan {
  now: number;
  /** When previously live secrets stop signing; none is kept alive longer than it already was. */
  previousExpireAt: number;
  /** Most previous secrets that may be live afterwards; the rotation is refused beyond it. */
  maxLivePrevious: number;
}

/** The breaker's row and the endpoint's recent attempts, for its health. */
export interface EndpointHealthRecord {
  breaker: { state: string; openedAt: number | null; nextProbeAt: number | null } | undefined;
  attempts: number;
  successes: number;
  lastSuccessAt: number | null;
  lastFailure: {
    at: number;
    statusCode: number | null;
    errorCode: string | null;
    errorMessage: string | null;
  } | null;
}

/** Persistence of endpoints, their secrets, breaker state and recovery jobs. Every call is tenant-scoped. */
export interface EndpointRepository {
  /**
   * Inserts the endpoint and its first secret, unless the tenant already has `maxEndpoints` endpoints:
   * the count and the insert happen in one transaction, so concurrent creates cannot overshoot.
   */
  insert(
    endpoint: Endpoint,
    secret: StoredEndpointSecret,
  ): Promise<{ inserted: true } | { inserted: false; limit: number }>;
  get(tenantId: string, id: string): Promise<Endpoint | undefined>;
  /** Newest first. */
  list(tenantId: string, filter: { ownerId?: string }, page: PageRequest): Promise<Page<Endpoint>>;
  update(tenantId: string, id: string, changes: EndpointChanges): Promise<Endpoint | undefined>;
  /**
   * Pauses (`paused`) or resumes (`active`) the endpoint; resuming clears the disabled reason and the
   * failure tracking (failing-since and the breaker). An endpoint already in that status is unchanged.
   */
  setStatus(
    tenantId: string,
    id: string,
    status: 'active' | 'paused',
    now: number,
  ): Promise<Endpoint | undefined>;
  /** Deletes the endpoint, its secrets and breaker, and discards its unsent deliveries. */
  delete(tenantId: string, id: string, now: number): Promise<boolean>;

  /** Secrets that sign at `now` (current, then previous ones with `expiresAt > now`, newest first). */
  liveSecrets(tenantId: string, endpointId: string, now: number): Promise<StoredEndpointSecret[]>;
  /** Makes `secret` current and retires the previous ones per `plan`, in one transaction. */
  rotateSecret(
    tenantId: string,
    endpointId: string,
    secret: StoredEndpointSecret,
    plan: RotationPlan,
  ): Promise<'rotated' | 'not_found' | 'too_many'>;

  /** Breaker state and the attempts started at or after `since`. */
  health(tenantId: string, endpointId: string, since: number): Promise<EndpointHealthRecord>;
  /** Inserts a recovery job unless the endpoint is missing or disabled, checked in the same transaction. */
  insertRecoverJob(job: Job, endpointId: string): Promise<'inserted' | 'not_found' | 'disabled'>;
}
