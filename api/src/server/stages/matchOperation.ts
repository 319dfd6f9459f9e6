import type { Operation } from 'openapi-backend';
import { HttpProblem } from '../../http/problems.js';
import { OperationMatcher } from '../OperationMatcher.js';
import type { ApiStage } from './ApiStage.js';

/** Finds the contract's operation for the method and path; none is a 404. */
export function matchOperation(operations: readonly Operation[]): ApiStage {
  const matcher = new OperationMatcher(operations);
  return async (ctx, next) => {
    const operation = matcher.match(ctx.method, ctx.path);
    if (!operation) throw new HttpProblem('CARAVAN_NOT_FOUND', `No operation at ${ctx.method} ${ctx.path}.`);
    ctx.state.operation = operation;
    ctx.state.operationId = operation.operationId ?? 'unknown';
    await next();
  };
}
