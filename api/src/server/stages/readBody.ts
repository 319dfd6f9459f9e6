import type { Principal } from '@caravan/core';
import { HttpProblem } from '../../http/problems.js';
import { readJsonBody } from '../../http/readJsonBody.js';
import type { OperationId } from '../../operations/Handler.js';
import type { Services } from '../Services.js';
import { stateOf, type ApiStage } from './ApiStage.js';

/** Per-operation body limits, in bytes, decided after authentication and before the body is read. */
export type BodyLimits = {
  [Op in OperationId]?: (principal: Principal, services: Services) => number | Promise<number>;
};

export interface ReadBodyOptions {
  services: Services;
  /** Largest body accepted by operations that do not set their own limit. */
  maxBodyBytes: number;
  bodyLimits?: BodyLimits | undefined;
}

/**
 * Reads the JSON body of operations that take one, when the request sends one or the operation requires
 * it, up to the operation's limit (the caller's, for ingest). The exact bytes are kept beside the document.
 */
export function readBody(options: ReadBodyOptions): ApiStage {
  return async (ctx, next) => {
    const operation = stateOf(ctx, 'operation');
    ctx.state.payload = { body: undefined, rawBody: undefined };
    if (operation.requestBody) {
      const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
      const required = (operation.requestBody as { required?: boolean }).required === true;
      if (hasBody || required) {
        const limitOf = options.bodyLimits?.[operation.operationId as OperationId];
        const limit = limitOf
          ? await limitOf(stateOf(ctx, 'principal'), options.services)
          : options.maxBodyBytes;
        const read = await readJsonBody(ctx.req, limit).catch((error: unknown) => {
          // Node would read the rest of a refused body to keep the connection for the next request: up
          // to whatever the client sends (a tenant sending 60 MB batches made the process read them all).
          // Closing the connection after the answer stops that.
          if (error instanceof HttpProblem && error.code === 'CARAVAN_PAYLOAD_TOO_LARGE') {
            ctx.set('connection', 'close');
          }
          throw error;
        });
        ctx.state.payload = { body: read.json, rawBody: read.raw };
      }
    }
    await next();
  };
}
