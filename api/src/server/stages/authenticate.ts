import type { Principal } from '@caravan/core';
import { HttpProblem } from '../../http/problems.js';
import type { Services } from '../Services.js';
import type { ApiStage } from './ApiStage.js';

/** Reads the `Authorization: Bearer <key>` header and finds its principal; anything else is a 401. */
export function authenticate(services: { tenants: Pick<Services['tenants'], 'authenticate'> }): ApiStage {
  return async (ctx, next) => {
    ctx.state.principal = await principalOf(ctx.get('authorization'), services);
    await next();
  };
}

async function principalOf(
  header: string,
  services: { tenants: Pick<Services['tenants'], 'authenticate'> },
): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new HttpProblem(
      'CARAVAN_UNAUTHORIZED',
      header
        ? 'The Authorization header must be "Bearer <key>".'
        : 'Send an API key: Authorization: Bearer <key>.',
    );
  }
  const principal = await services.tenants.authenticate(match[1]!);
  if (!principal)
    throw new HttpProblem('CARAVAN_UNAUTHORIZED', 'The API key is unknown, expired or revoked.');
  return principal;
}
