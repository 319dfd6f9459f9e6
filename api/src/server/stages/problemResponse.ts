import type { Logger } from '@caravan/core';
import { ClientAbortedError, clientClosedRequest } from '../../http/ClientAbortedError.js';
import { toProblem } from '../../http/problems.js';
import { stateOf, type ApiStage } from './ApiStage.js';

/**
 * Answers whatever a later stage throws as an RFC 9457 problem (`application/problem+json`), the status
 * decided by `toProblem`; a 401 also names the scheme. An error no code accounts for is logged;
 * a client that hung up mid-request is counted as 499 and not logged.
 */
export function problemResponse(logger: Logger): ApiStage {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof ClientAbortedError) {
        ctx.status = clientClosedRequest;
        return;
      }
      const requestId = stateOf(ctx, 'requestId');
      const problem = toProblem(error, ctx.path, requestId);
      if (problem.unexpected) logger.error({ err: error, requestId, path: ctx.path }, 'unexpected error');
      ctx.status = problem.status;
      for (const [name, value] of Object.entries(problem.headers)) ctx.set(name, value);
      if (problem.status === 401) ctx.set('www-authenticate', 'Bearer realm="caravan"');
      ctx.body = problem.body;
      ctx.type = 'application/problem+json';
    }
  };
}
