import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import OpenAPIBackendModule, { type Document } from 'openapi-backend';
import addFormatsModule from 'ajv-formats';
import type { Logger, Principal } from '@caravan/core';
import { HttpProblem, toProblem, type ProblemFieldError as FieldError } from '../http/problems.js';
import { applyRateLimit } from '../http/applyRateLimit.js';
import { readJsonBody } from '../http/readJsonBody.js';
import type { HandlerMap, OperationId, OperationRequest } from '../operations/Handler.js';
import { OperationMatcher } from './OperationMatcher.js';
import type { Services } from './Services.js';

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

/** Per-operation body limits, in bytes, decided after authentication and before the body is read. */
export type BodyLimits = {
  [Op in OperationId]?: (principal: Principal, services: Services) => number | Promise<number>;
};

type AuthMode = 'admin' | 'tenant';

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
 * The public API: routes each request to its operation by the contract, authenticates the bearer key,
 * enforces the operation's audience (a tenant key on an admin operation is a 404, so the admin surface
 * cannot be probed; the admin key on a tenant operation is a 403), reads and validates the request
 * against the contract, then calls the operation's handler. Every failure is an RFC 9457 problem.
 */
export async function createApiMiddleware(deps: ApiMiddlewareDeps): Promise<Middleware> {
  const api = await routerFor(deps.document);
  const maxBodyBytes = deps.maxBodyBytes ?? 1_048_576;
  const operations = new OperationMatcher(api.getOperations());
  const takesIdempotencyKey = new Set(
    api
      .getOperations()
      .filter((op) => (op.parameters ?? []).some((p) => 'name' in p && p.name === 'Idempotency-Key'))
      .map((op) => op.operationId),
  );

  return async (ctx, next) => {
    if (!ctx.path.startsWith('/v1/') && ctx.path !== '/v1') {
      await next();
      return;
    }
    const requestId = (ctx.get('x-request-id') || randomUUID()).slice(0, 128);
    ctx.set('x-request-id', requestId);
    try {
      const operation = operations.match(ctx.method, ctx.path);
      if (!operation)
        throw new HttpProblem('CARAVAN_NOT_FOUND', `No operation at ${ctx.method} ${ctx.path}.`);
      (ctx.state as { operationId?: string | undefined }).operationId = operation.operationId;

      const principal = await authenticate(ctx.get('authorization'), deps.services);
      const audience = (operation as unknown as Record<string, unknown>)['x-caravan-auth'] as AuthMode;
      if (audience === 'admin' && principal.kind !== 'admin') {
        throw new HttpProblem('CARAVAN_NOT_FOUND', `No operation at ${ctx.method} ${ctx.path}.`);
      }
      if (audience === 'tenant' && principal.kind !== 'tenant') {
        throw new HttpProblem(
          'CARAVAN_FORBIDDEN',
          'The admin key cannot call tenant operations; use a tenant API key.',
        );
      }
      await applyRateLimit(ctx, deps.services.apiRateLimiter, principal);

      let rawBody: Buffer | undefined;
      let body: unknown;
      if (operation.requestBody) {
        const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
        const required = (operation.requestBody as { required?: boolean }).required === true;
        if (hasBody || required) {
          const limitOf = deps.bodyLimits?.[operation.operationId as OperationId];
          const limit = limitOf ? await limitOf(principal, deps.services) : maxBodyBytes;
          const read = await readJsonBody(ctx.req, limit);
          rawBody = read.raw;
          body = read.json;
        }
      }

      const query = { ...(ctx.query as Record<string, string | string[]>) };
      const headers = Object.fromEntries(
        Object.entries(ctx.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
      ) as Record<string, string | undefined>;
      const validation = api.validateRequest(
        { method: ctx.method, path: ctx.path, query, headers: headers as Record<string, string>, body },
        operation,
      );
      if (!validation.valid) {
        throw new HttpProblem(
          'CARAVAN_VALIDATION_FAILED',
          'The request does not match the contract; see errors.',
          toFieldErrors(validation.errors ?? []),
        );
      }
      const params = api.router.parseRequest(
        { method: ctx.method, path: ctx.path, headers: {}, query: {} },
        operation,
      ).params as Record<string, string>;

      const handler = deps.handlers[operation.operationId as OperationId];
      if (!handler) throw new HttpProblem('CARAVAN_NOT_FOUND', `${operation.operationId} is not available.`);
      const request: OperationRequest<OperationId> = {
        body: body as never,
        rawBody,
        params: params as never,
        query: query,
        headers,
        principal,
        tenantId: principal.kind === 'tenant' ? principal.tenantId : '',
      };
      const run = () =>
        (
          handler as (
            r: typeof request,
            s: Services,
          ) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>
        )(request, deps.services);
      const idempotencyKey = ctx.get('idempotency-key');
      let result: { status: number; body: unknown; headers?: Record<string, string> };
      if (idempotencyKey && takesIdempotencyKey.has(operation.operationId)) {
        const decision = await deps.services.idempotency.begin({
          credential: principal.kind === 'admin' ? 'admin' : `${principal.tenantId}:${principal.apiKeyId}`,
          method: ctx.method,
          path: ctx.path,
          key: idempotencyKey,
          body: rawBody,
        });
        if (decision.kind === 'replay') {
          result = {
            status: decision.status,
            body: decision.body,
            headers: { 'Idempotent-Replayed': 'true' },
          };
        } else {
          try {
            result = await run();
          } catch (error) {
            await decision.abandon();
            throw error;
          }
          await decision.finish(result.status, result.body);
        }
      } else {
        result = await run();
      }
      ctx.status = result.status;
      for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
      if (result.status !== 204) ctx.body = result.body;
    } catch (error) {
      const problem = toProblem(error, ctx.path, requestId);
      if (problem.unexpected)
        deps.logger.error({ err: error, requestId, path: ctx.path }, 'unexpected error');
      ctx.status = problem.status;
      for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
      if (problem.status === 401) ctx.set('www-authenticate', 'Bearer realm="caravan"');
      ctx.body = problem.body;
      ctx.type = 'application/problem+json';
    }
  };
}

async function authenticate(header: string, services: Services): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new HttpProblem(
      'CARAVAN_UNAUTHORIZED',
      header
        ? 'The Authorization header must be "Bearer <key>".'
        : 'Send an API key: Authorization: Bearer <key>.',
    );
  }
  const principal = await services.tenants.authenticate(match[1]!);
  if (!principal)
    throw new HttpProblem('CARAVAN_UNAUTHORIZED', 'The API key is unknown, expired or revoked.');
  return principal;
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Rewrites openapi-backend's Ajv errors into the contract's field pointers (`/body/...`, `/query/...`). */
export function toFieldErrors(errors: AjvLikeError[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
    let field = e.instancePath.replace(/^\/requestBody/, '/body');
    if (!/^\/(body|query|path|header|params|headers)/.test(field)) field = `/body${field}`;
    field = field.replace(/^\/params/, '/path').replace(/^\/headers/, '/header');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      field = `${field}/${String(e.params.missingProperty)}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      field = `${field}/${String(e.params.additionalProperty)}`;
      message = 'is not a known field';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}
