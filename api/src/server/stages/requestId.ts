import { randomUUID } from 'node:crypto';
import type { ApiStage } from './ApiStage.js';

/** Keeps the caller's `x-request-id` (up to 128 characters) or makes one, and answers it. */
export function requestId(): ApiStage {
  return async (ctx, next) => {
    const id = (ctx.get('x-request-id') || randomUUID()).slice(0, 128);
    ctx.set('x-request-id', id);
    ctx.state.requestId = id;
    await next();
  };
}
