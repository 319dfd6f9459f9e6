import type { ParameterizedContext } from 'koa';
import type { Operation } from 'openapi-backend';
import type { Principal } from '@caravan/core';
import type { OperationId, OperationRequest } from '../../operations/Handler.js';

/** What a handler answered, or a replayed answer. */
export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What the stages learn about a request, each stage adding its part for the ones after it. */
export interface ApiState {
  requestId: string;
  /** The matched operation's id; `httpMetrics` labels the request with it. */
  operationId: string;
  operation: Operation;
  principal: Principal;
  /** The request body as read (both `undefined` when the request has none). */
  payload: { body: unknown; rawBody: Buffer | undefined };
  /** The validated request as the handler gets it. */
  request: OperationRequest<OperationId>;
  result: ApiResult;
}

export type ApiContext = ParameterizedContext<Partial<ApiState>>;

/** One step of the public API's request handling; calls `next` to hand the request on. */
export type ApiStage = (ctx: ApiContext, next: () => Promise<void>) => Promise<void>;

/** What an earlier stage stored; throws when the stages are out of order. */
export function stateOf<K extends keyof ApiState>(ctx: ApiContext, key: K): ApiState[K] {
  const value = ctx.state[key];
  if (value === undefined) throw new Error(`the ${key} stage has not run: check the order of the API stages`);
  return value;
}

/** Runs `stages` in order, each handing on to the next (koa-compose's rule: `next` at most once). */
export function runStages(stages: readonly ApiStage[], ctx: ApiContext): Promise<void> {
  let reached = -1;
  const step = (index: number): Promise<void> => {
    if (index <= reached) return Promise.reject(new Error('next() called more than once'));
    reached = index;
    const stage = stages[index];
    return stage ? stage(ctx, () => step(index + 1)) : Promise.resolve();
  };
  return step(0);
}
