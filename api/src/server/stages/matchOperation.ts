import type { Operation } from 'openapi-backend';
import { HttpProblem } from '../../http/problems.js';
import { OperationMatcher } from '../OperationMatcher.js';
import type { ApiStage } from './ApiStage.js';

/**
 * Finds the contract's operation for the method and path. A path the contract has, with a method it does
 * not take, is a 405 with `Allow`; a path it does not have is a 404.
 */
export function matchOperation(operations: readonly Operation[]): ApiStage {
  const matcher = new OperationMatcher(operations);
  return async (ctx, next) => {
    const operation = matcher.match(ctx.method, ctx.path);
    if (!operation) {
      const allowed = matcher.methodsAt(ctx.path);
      if (allowed.length) {
        throw new HttpProblem(
          'CARAVAN_METHOD_NOT_ALLOWED',
          `${ctx.method} is not allowed on ${ctx.path}; it takes ${allowed.join(', ')}.`,
          undefined,
          { Allow: allowed.join(', ') },
        );
      }
      throw new HttpProblem('CARAVAN_NOT_FOUND', `No operation at ${ctx.method} ${ctx.path}.`);
    }
    ctx.state.operation = operation;
    ctx.state.operationId = operation.operationId ?? 'unknown';
    await next();
  };
}
