import { HttpProblem } from '../../http/problems.js';
import { stateOf, type ApiStage } from './ApiStage.js';

/**
 * Holds each operation to its audience (`x-caravan-auth` in the contract). A tenant key on an admin
 * operation is a 404, so the admin surface cannot be probed; the admin key on a tenant operation is a 403.
 */
export function checkAudience(): ApiStage {
  return async (ctx, next) => {
    const operation = stateOf(ctx, 'operation') as unknown as Record<string, unknown>;
    const audience = operation['x-caravan-auth'];
    const principal = stateOf(ctx, 'principal');
    if (audience === 'admin' && principal.kind !== 'admin') {
      throw new HttpProblem('CARAVAN_NOT_FOUND', `No operation at ${ctx.method} ${ctx.path}.`);
    }
    // A portal token is a tenant principal narrowed to one owner: `portalScope` decides what it reaches.
    if (audience === 'tenant' && principal.kind === 'admin') {
      throw new HttpProblem(
        'CARAVAN_FORBIDDEN',
        'The admin key cannot call tenant operations; use a tenant API key.',
      );
    }
    await next();
  };
}
