import type { Operation } from 'openapi-backend';
import type { Services } from '../Services.js';
import { stateOf, type ApiStage } from './ApiStage.js';

/**
 * `Idempotency-Key` on the operations whose contract takes it: a repeat replays the first answer
 * (`Idempotent-Replayed: true`) without running the handler; a first call stores its answer, and a call
 * that throws lets the key be used again.
 */
export function idempotency(
  services: Pick<Services, 'idempotency'>,
  operations: readonly Operation[],
): ApiStage {
  const takesKey = new Set(
    operations
      .filter((op) => (op.parameters ?? []).some((p) => 'name' in p && p.name === 'Idempotency-Key'))
      .map((op) => op.operationId),
  );
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key');
    if (!key || !takesKey.has(stateOf(ctx, 'operationId'))) return next();
    const principal = stateOf(ctx, 'principal');
    const decision = await services.idempotency.begin({
      credential:
        principal.kind === 'admin'
          ? 'admin'
          : principal.kind === 'portal'
            ? `${principal.tenantId}:portal:${principal.ownerId}`
            : `${principal.tenantId}:${principal.apiKeyId}`,
      method: ctx.method,
      path: ctx.path,
      key,
      body: stateOf(ctx, 'payload').rawBody,
    });
    if (decision.kind === 'replay') {
      ctx.state.result = {
        status: decision.status,
        body: decision.body,
        headers: { 'Idempotent-Replayed': 'true' },
      };
      return;
    }
    try {
      await next();
    } catch (error) {
      await decision.abandon();
      throw error;
    }
    const result = stateOf(ctx, 'result');
    await decision.finish(result.status, result.body);
  };
}
