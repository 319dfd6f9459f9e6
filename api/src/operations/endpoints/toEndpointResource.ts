import type { Endpoint, EndpointHealth, EndpointSecretInfo } from '@caravan/core';
import type { components } from '../../generated/openapi.js';
import { iso, isoOrNull } from '../Handler.js';

type Schemas = components['schemas'];

export function toEndpointResource(e: Endpoint): Schemas['Endpoint'] {
  return {
    id: e.id,
    url: e.url,
    // Credentials never leave Caravan.
    destination: { type: e.destination.type, config: e.destination.config && { ...e.destination.config } },
    description: e.description,
    ownerId: e.ownerId,
    eventTypes: [...e.eventTypes],
    filter: e.filter,
    headers: { ...e.headers },
    rateLimit: e.rateLimit && { ...e.rateLimit },
    maxConcurrency: e.maxConcurrency,
    timeoutMs: e.timeoutMs,
    retrySchedule: e.retrySchedule && [...e.retrySchedule],
    egressPoolId: e.egressPoolId,
    signingScheme: e.signingScheme,
    payloadFormat: e.payloadFormat,
    sendTraceparent: e.sendTraceparent,
    publicKey: e.publicKey,
    status: e.status,
    disabledReason: e.disabledReason,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

export function toEndpointSecretResource(s: EndpointSecretInfo): Schemas['EndpointSecret'] {
  return {
    id: s.id,
    current: s.current,
    publicKey: s.publicKey,
    createdAt: iso(s.createdAt),
    expiresAt: isoOrNull(s.expiresAt),
  };
}

export function toEndpointHealthResource(h: EndpointHealth): Schemas['EndpointHealth'] {
  return {
    endpointId: h.endpointId,
    status: h.status,
    breakerState: h.breakerState,
    breakerOpenedAt: isoOrNull(h.breakerOpenedAt),
    nextProbeAt: isoOrNull(h.nextProbeAt),
    recentSuccessRate: h.recentSuccessRate,
    recentAttempts: h.recentAttempts,
    windowSeconds: h.windowSeconds,
    lastSuccessAt: isoOrNull(h.lastSuccessAt),
    lastError: h.lastError && { ...h.lastError, at: iso(h.lastError.at) },
    failingSince: isoOrNull(h.failingSince),
  };
}
