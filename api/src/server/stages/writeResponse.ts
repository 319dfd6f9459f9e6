import { stateOf, type ApiStage } from './ApiStage.js';

/** Answers the result the later stages settled on: its status, its headers, and its body unless 204. */
export function writeResponse(): ApiStage {
  return async (ctx, next) => {
    await next();
    const result = stateOf(ctx, 'result');
    ctx.status = result.status;
    for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
    if (result.status !== 204) ctx.body = result.body;
  };
}
