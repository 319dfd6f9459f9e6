import type { KeyRing } from '../crypto/KeyRing.js';
import { DEFAULT_TIMEOUT_MS, type Endpoint } from '../domain/endpoint.js';
import { tenantOfOperationsEndpoint } from '../domain/operationalEvent.js';
import type { TenantRepository } from '../storage/TenantRepository.js';
import type { LoadDispatchTarget } from './EndpointCache.js';

/**
 * Loads the tenant's operations target (see `operationsEndpointId`) from the tenant row, and every
 * other endpoint with `load`. The target is an endpoint in all but storage: the operations URL, signed
 * (HMAC) with the operations secret, the default timeout and retry schedule. A tenant without an
 * operations URL has no target, so its pending operational deliveries are discarded, as for a deleted
 * endpoint.
 */
export function withOperationsTargets(
  load: LoadDispatchTarget,
  deps: { tenants: Pick<TenantRepository, 'get'>; keyRing: KeyRing },
): LoadDispatchTarget {
  return async (tenantId, endpointId, now) => {
    const owner = tenantOfOperationsEndpoint(endpointId);
    if (owner === undefined) return load(tenantId, endpointId, now);
    if (owner !== tenantId) return undefined;
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant?.operationsUrl || !tenant.operationsSecretEncrypted) return undefined;
    const endpoint: Endpoint = {
      id: endpointId,
      tenantId,
      url: tenant.operationsUrl,
      description: null,
      ownerId: null,
      eventTypes: [],
      filter: null,
      headers: {},
      rateLimit: null,
      maxConcurrency: null,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      retrySchedule: null,
      egressPoolId: tenant.defaultEgressPoolId,
      signingScheme: 'hmac',
      payloadFormat: 'raw',
      sendTraceparent: false,
      destination: { type: 'http', config: null, credentialsEncrypted: null },
      publicKey: null,
      status: 'active',
      disabledReason: null,
      failingSince: null,
      createdAt: tenant.createdAt,
      updatedAt: tenant.updatedAt,
    };
    const secret = deps.keyRing.decryptString(tenant.operationsSecretEncrypted, `tenant:${tenantId}`);
    return { endpoint, secrets: [{ secret: { scheme: 'hmac', secret }, expiresAt: null }] };
  };
}
