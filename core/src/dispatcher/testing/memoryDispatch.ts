import { randomBytes } from 'node:crypto';
import { generateHmacSecret } from '../../crypto/webhookSecrets.js';
import type { DisabledReason, Endpoint } from '../../domain/endpoint.js';
import type { DeliveryRecord } from '../../domain/pipelineRecords.js';
import type { DeliveryState, DeliveryWrite, DispatchRepository } from '../../storage/DispatchRepository.js';
import type { DispatchTarget, DispatchTargets } from '../EndpointCache.js';
import type { SendRequest, SendResult, WebhookSender } from '../WebhookSender.js';

// In-memory stand-ins for the dispatcher's ports, for unit tests that run without servers.

/** An active endpoint with every setting at its default; `overrides` win. */
export function testEndpoint(overrides: Partial<Endpoint> = {}): Endpoint {
  return {
    id: `ep_${randomBytes(4).toString('hex')}`,
    tenantId: 'tnt_a',
    url: 'https://receiver.example/hook',
    description: null,
    ownerId: null,
    eventTypes: ['*'],
    filter: null,
    headers: {},
    rateLimit: null,
    maxConcurrency: null,
    timeoutMs: 5_000,
    retrySchedule: null,
    egressPoolId: null,
    signingScheme: 'hmac',
    payloadFormat: 'raw',
    sendTraceparent: false,
    destination: { type: 'http', config: null, credentialsEncrypted: null },
    publicKey: null,
    status: 'active',
    disabledReason: null,
    failingSince: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** A delivery record of a fresh event to `endpoint`, at `attempt` (default 0). */
export function testRecord(endpoint: Pick<Endpoint, 'id' | 'tenantId'>, attempt = 0): DeliveryRecord {
  const n = randomBytes(4).toString('hex');
  return {
    v: 1,
    deliveryId: `dlv_${n}`,
    tenantId: endpoint.tenantId,
    endpointId: endpoint.id,
    eventId: `evt_${n}`,
    eventType: 'invoice.paid',
    payload: JSON.stringify({ n }),
    headers: {},
    eventCreatedAt: 0,
    attempt,
  };
}

/** The row state the record stands for: pending at the record's attempt. */
export function stateOf(record: DeliveryRecord, overrides: Partial<DeliveryState> = {}): DeliveryState {
  return {
    id: record.deliveryId,
    tenantId: record.tenantId,
    status: 'pending',
    attemptCount: record.attempt,
    ...overrides,
  };
}

/** Endpoints and their secrets in a map; `failNext` makes the next lookups reject as a database would. */
export class MemoryDispatchTargets implements DispatchTargets {
  readonly targets = new Map<string, DispatchTarget>();
  readonly disabled: { endpointId: string; reason: DisabledReason }[] = [];
  lookups = 0;
  failures = 0;

  /** Adds the endpoint with one fresh HMAC secret; answers the secret. */
  add(endpoint: Endpoint): string {
    const secret = generateHmacSecret();
    this.targets.set(endpoint.id, {
      endpoint,
      secrets: [{ secret: { scheme: 'hmac', secret }, expiresAt: null }],
    });
    return secret;
  }

  get(_tenantId: string, endpointId: string): Promise<DispatchTarget | undefined> {
    this.lookups++;
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new Error('database unavailable'));
    }
    return Promise.resolve(this.targets.get(endpointId));
  }

  markDisabled(_tenantId: string, endpointId: string, reason: DisabledReason): void {
    this.disabled.push({ endpointId, reason });
    const target = this.targets.get(endpointId);
    if (target) {
      this.targets.set(endpointId, {
        ...target,
        endpoint: { ...target.endpoint, status: 'disabled', disabledReason: reason },
      });
    }
  }
}

/** Delivery rows by id, changed by `write` under the same guard as the SQL adapter's. */
export class MemoryDispatchRepository implements DispatchRepository {
  readonly rows = new Map<string, DeliveryState>();
  readonly written: DeliveryWrite[] = [];

  add(state: DeliveryState): void {
    this.rows.set(state.id, state);
  }

  states(ids: readonly string[]): Promise<Map<string, DeliveryState>> {
    const found = new Map<string, DeliveryState>();
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) found.set(id, { ...row });
    }
    return Promise.resolve(found);
  }

  write(writes: readonly DeliveryWrite[]): Promise<void> {
    for (const write of writes) {
      this.written.push(write);
      const row = this.rows.get(write.deliveryId);
      if (!row || row.attemptCount !== write.basedOnAttemptCount) continue;
      this.rows.set(write.deliveryId, {
        ...row,
        status: write.status,
        attemptCount: row.attemptCount + (write.attempt ? 1 : 0),
      });
    }
    return Promise.resolve();
  }
}

/** A sender that answers every request with `answer` (default 204) and keeps the requests. */
export class ScriptedSender implements WebhookSender {
  readonly requests: SendRequest[] = [];
  answer: (request: SendRequest) => Promise<Partial<SendResult>> | Partial<SendResult> = () => ({});

  async send(request: SendRequest): Promise<SendResult> {
    this.requests.push(request);
    const answer = await this.answer(request);
    const statusCode = answer.statusCode ?? 204;
    return {
      startedAt: 0,
      durationMs: 1,
      statusCode,
      responseHeaders: {},
      responseBodyExcerpt: null,
      error:
        statusCode >= 200 && statusCode < 300
          ? null
          : { code: 'non_2xx_status', message: `answered ${statusCode}` },
      egressAddress: null,
      ...answer,
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
