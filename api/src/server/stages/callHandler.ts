import { HttpProblem } from '../../http/problems.js';
import type { HandlerMap } from '../../operations/Handler.js';
import type { Services } from '../Services.js';
import { stateOf, type ApiResult, type ApiStage } from './ApiStage.js';

type AnyHandler = (request: unknown, services: Services) => Promise<ApiResult>;

/** Calls the operation's handler with the validated request; its answer is the result. */
export function callHandler(handlers: HandlerMap, services: Services): ApiStage {
  return async (ctx) => {
    const operationId = stateOf(ctx, 'operationId');
    // The map has every operation of the generated types; a contract loaded from elsewhere may not.
    const handler = (handlers as Partial<Record<string, AnyHandler>>)[operationId];
    if (!handler) throw new HttpProblem('CARAVAN_NOT_FOUND', `${operationId} is not available.`);
    ctx.state.result = await handler(stateOf(ctx, 'request'), services);
  };
}
