import {
  DeliveryNotFoundError,
  EndpointNotFoundError,
  JobNotFoundError,
  type PortalPrincipal,
} from '@caravan/core';
import { HttpProblem } from '../../http/problems.js';
import type { OperationId } from '../../operations/Handler.js';
import type { Services } from '../Services.js';
import { stateOf, type ApiContext, type ApiStage } from './ApiStage.js';

/** How a portal token may use an operation; any operation not listed answers 404 to it. */
type PortalRule =
  'endpoint' | 'delivery' | 'job' | 'listEndpoints' | 'listDeliveries' | 'createEndpoint' | 'tenant';

export const PORTAL_OPERATIONS: Partial<Record<OperationId, PortalRule>> = {
  listEndpoints: 'listEndpoints',
  createEndpoint: 'createEndpoint',
  getEndpoint: 'endpoint',
  updateEndpoint: 'endpoint',
  deleteEndpoint: 'endpoint',
  listEndpointSecrets: 'endpoint',
  rotateEndpointSecret: 'endpoint',
  pauseEndpoint: 'endpoint',
  resumeEndpoint: 'endpoint',
  getEndpointHealth: 'endpoint',
  recoverEndpoint: 'endpoint',
  // Only the recovery jobs of the owner's endpoints.
  getJob: 'job',
  listDeliveries: 'listDeliveries',
  getDelivery: 'delivery',
  listDeliveryAttempts: 'delivery',
  retryDelivery: 'delivery',
  // The egress pools' public IPs: what a customer's firewall must allow.
  listTenantEgressPools: 'tenant',
};

type ScopeDeps = {
  endpoints: Pick<Services['endpoints'], 'get'>;
  deliveries: Pick<Services['deliveries'], 'get' | 'job'>;
};

/**
 * Narrows a customer portal token to its owner's endpoints, before anything else reads the request:
 * an operation outside `PORTAL_OPERATIONS`, or an endpoint or delivery of another owner (named in the
 * path or the query), answers 404 exactly as a missing one does, so nothing outside the owner can be
 * probed. Lists of endpoints and of deliveries are narrowed to the owner's endpoints.
 */
export function portalScope(services: ScopeDeps): ApiStage {
  return async (ctx, next) => {
    const principal = stateOf(ctx, 'principal');
    if (principal.kind !== 'portal') return next();
    const rule = PORTAL_OPERATIONS[stateOf(ctx, 'operationId') as OperationId];
    if (!rule) throw new HttpProblem('CARAVAN_NOT_FOUND', `No operation at ${ctx.method} ${ctx.path}.`);
    const params = pathParams(stateOf(ctx, 'operation').path, ctx.path);
    const owned = (endpointId: string) => ownedEndpoint(services, principal, endpointId);
    if (rule === 'endpoint') await owned(params.endpointId ?? '');
    if (rule === 'delivery') {
      const id = params.deliveryId ?? '';
      const delivery = await services.deliveries.get(principal.tenantId, id);
      const endpoint = await services.endpoints
        .get(principal.tenantId, delivery.endpointId)
        .catch(() => null);
      if (endpoint?.ownerId !== principal.ownerId) throw new DeliveryNotFoundError(id);
    }
    if (rule === 'job') {
      const id = params.jobId ?? '';
      const job = await services.deliveries.job(principal.tenantId, id);
      const endpointId = job.type === 'endpoint_recover' ? job.params.endpointId : undefined;
      if (typeof endpointId !== 'string') throw new JobNotFoundError(id);
      await owned(endpointId).catch(() => {
        throw new JobNotFoundError(id);
      });
    }
    if (rule === 'listEndpoints') {
      const asked = queryValue(ctx, 'ownerId');
      if (asked !== undefined && asked !== principal.ownerId)
        throw new HttpProblem('CARAVAN_NOT_FOUND', 'No such owner.');
      ctx.query = { ...ctx.query, ownerId: principal.ownerId };
    }
    if (rule === 'listDeliveries') {
      const asked = queryValue(ctx, 'ownerId');
      if (asked !== undefined && asked !== principal.ownerId)
        throw new HttpProblem('CARAVAN_NOT_FOUND', 'No such owner.');
      const endpointId = queryValue(ctx, 'endpointId');
      if (endpointId !== undefined) await owned(endpointId);
      ctx.query = { ...ctx.query, ownerId: principal.ownerId };
    }
    await next();
  };
}

/**
 * After validation: an endpoint's `ownerId` in a body may only be the token's owner; a created
 * endpoint gets it.
 */
export function portalBody(): ApiStage {
  return async (ctx, next) => {
    const principal = stateOf(ctx, 'principal');
    if (principal.kind === 'portal') {
      const operationId = stateOf(ctx, 'operationId');
      const request = stateOf(ctx, 'request');
      const body = request.body as { ownerId?: string | null } | undefined;
      if ((operationId === 'createEndpoint' || operationId === 'updateEndpoint') && body) {
        if (body.ownerId !== undefined && body.ownerId !== principal.ownerId) {
          throw new HttpProblem('CARAVAN_NOT_FOUND', 'No such owner.');
        }
        if (operationId === 'createEndpoint') body.ownerId = principal.ownerId;
      }
    }
    await next();
  };
}

async function ownedEndpoint(services: ScopeDeps, principal: PortalPrincipal, id: string): Promise<void> {
  const endpoint = await services.endpoints.get(principal.tenantId, id);
  if (endpoint.ownerId !== principal.ownerId) throw new EndpointNotFoundError(id);
}

function queryValue(ctx: ApiContext, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The path parameters of `path` under the contract's `template` (`/v1/endpoints/{endpointId}`). */
function pathParams(template: string, path: string): Record<string, string> {
  const names = template.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    const match = /^\{(.+)\}$/.exec(segment);
    if (!match) return;
    try {
      params[match[1]!] = decodeURIComponent(values[i] ?? '');
    } catch {
      params[match[1]!] = '';
    }
  });
  return params;
}
