import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import Koa from 'koa';
import type { Operation } from 'openapi-backend';
import type { ApiContext, ApiState } from './ApiStage.js';

export interface StageRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** Sent as the request body (a Buffer for exact bytes). */
  body?: string | Buffer;
  /** The client's address (`ctx.ip`). */
  ip?: string;
  /** What earlier stages would have stored. */
  state?: Partial<ApiState>;
}

/** A Koa context for one request, with no server behind it, for testing a stage on its own. */
export function stageContext(request: StageRequest = {}): ApiContext {
  const req = new IncomingMessage(new Socket());
  req.method = request.method ?? 'GET';
  req.url = request.path ?? '/v1/endpoints';
  req.headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  if (request.body !== undefined) req.push(request.body);
  req.push(null);
  const ctx = new Koa().createContext<Partial<ApiState>>(req, new ServerResponse(req));
  if (request.ip !== undefined) ctx.request.ip = request.ip;
  Object.assign(ctx.state, request.state ?? {});
  return ctx;
}

/** An operation as openapi-backend describes it, with only the fields given. */
export function operation(fields: Record<string, unknown>): Operation {
  return {
    method: 'get',
    path: '/v1/endpoints',
    operationId: 'listEndpoints',
    ...fields,
  };
}

/** A `next` that counts its calls. */
export function countingNext(): (() => Promise<void>) & { calls: number } {
  const next = Object.assign(
    () => {
      next.calls++;
      return Promise.resolve();
    },
    { calls: 0 },
  );
  return next;
}
