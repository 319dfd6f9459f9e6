import type { Middleware } from 'koa';
import OpenAPIBackendModule, { type Document } from 'openapi-backend';
import addFormatsModule from 'ajv-formats';
import type { Logger } from '@caravan/core';
import type { HandlerMap } from '../operations/Handler.js';
import type { Services } from './Services.js';
import { runStages, type ApiStage } from './stages/ApiStage.js';
import { authenticate } from './stages/authenticate.js';
import { callHandler } from './stages/callHandler.js';
import { checkAudience } from './stages/checkAudience.js';
import { idempotency } from './stages/idempotency.js';
import { matchOperation } from './stages/matchOperation.js';
import { portalBody, portalScope } from './stages/portalScope.js';
import { problemResponse } from './stages/problemResponse.js';
import { rateLimit } from './stages/rateLimit.js';
import { readBody, type BodyLimits } from './stages/readBody.js';
import { requestId } from './stages/requestId.js';
import { validateRequest } from './stages/validateRequest.js';
import { writeResponse } from './stages/writeResponse.js';

export type { BodyLimits } from './stages/readBody.js';

const { OpenAPIBackend } = OpenAPIBackendModule;
const addFormats = addFormatsModule.default;

export interface ApiMiddlewareDeps {
  document: Record<string, unknown>;
  handlers: HandlerMap;
  services: Services;
  logger: Logger;
  /** Largest request body accepted by operations that do not set their own limit. */
  maxBodyBytes?: number;
  /** Operations whose body limit depends on the caller (ingest: the tenant's `maxPayloadBytes`). */
  bodyLimits?: BodyLimits;
}

// Compiling the contract's validators takes seconds; every app in a process shares one router per document.
const routers = new WeakMap<object, Promise<InstanceType<typeof OpenAPIBackend>>>();

function routerFor(document: Record<string, unknown>): Promise<InstanceType<typeof OpenAPIBackend>> {
  let router = routers.get(document);
  if (!router) {
    const api = new OpenAPIBackend({
      definition: document as unknown as Document,
      strict: true,
      validate: true,
      quick: false,
      ajvOpts: { allErrors: true, strict: false },
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    router = api.init().then(() => api);
    routers.set(document, router);
  }
  return router;
}

/**
 * The public API under `/v1`: each request goes through the stages below, in order. Every failure is an
 * RFC 9457 problem.
 */
export async function createApiMiddleware(deps: ApiMiddlewareDeps): Promise<Middleware> {
  const api = await routerFor(deps.document);
  const operations = api.getOperations();
  const stages: readonly ApiStage[] = [
    requestId(),
    problemResponse(deps.logger),
    matchOperation(operations),
    authenticate(deps.services),
    checkAudience(),
    rateLimit(deps.services),
    portalScope(deps.services),
    readBody({
      services: deps.services,
      maxBodyBytes: deps.maxBodyBytes ?? 1_048_576,
      bodyLimits: deps.bodyLimits,
    }),
    validateRequest(api),
    portalBody(),
    writeResponse(),
    idempotency(deps.services, operations),
    callHandler(deps.handlers, deps.services),
  ];
  return (ctx, next) => {
    if (!ctx.path.startsWith('/v1/') && ctx.path !== '/v1') return next();
    return runStages(stages, ctx);
  };
}
