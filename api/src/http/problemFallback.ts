import type { Middleware } from 'koa';
import type { Logger } from '@caravan/core';
import { ClientAbortedError, clientClosedRequest } from './ClientAbortedError.js';
import { serialiseJson } from './JsonText.js';
import { toProblem } from './problems.js';

/**
 * The outermost answer of the HTTP application: whatever throws outside the API's stages (an ops
 * route, Koa itself) is still an RFC 9457 problem, and a JSON body is serialised here rather than in
 * Koa's responder, so a body that cannot be serialised is a problem too instead of Koa's `text/plain`.
 */
export function problemFallback(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (isJsonDocument(ctx.body)) {
        const type = ctx.response.get('content-type') || 'application/json; charset=utf-8';
        ctx.body = serialiseJson(ctx.body);
        ctx.type = type;
      }
    } catch (error) {
      if (error instanceof ClientAbortedError) {
        ctx.status = clientClosedRequest;
        return;
      }
      const requestId = ctx.response.get('x-request-id') || String(ctx.get('x-request-id')).slice(0, 128);
      const problem = toProblem(error, ctx.path, requestId || 'none');
      if (problem.unexpected) logger.error({ err: error, requestId, path: ctx.path }, 'unexpected error');
      ctx.status = problem.status;
      for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
      ctx.body = JSON.stringify(problem.body);
      ctx.type = 'application/problem+json';
    }
  };
}

function isJsonDocument(body: unknown): body is object {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Buffer.isBuffer(body) &&
    !(body instanceof Uint8Array) &&
    typeof (body as { pipe?: unknown }).pipe !== 'function'
  );
}
